import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `rv_*` tables of the registry view; a service lists it in its migrations (see REGISTRY_VIEW_MIGRATIONS). */
export class RegistryView1764300000000 implements MigrationInterface {
  name = 'RegistryView1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE rv_units (
        code text PRIMARY KEY,
        kind text NOT NULL,
        level text NOT NULL,
        jurisdiction_code text NOT NULL,
        registered_from date NOT NULL,
        dissolved_from date,
        dissolution_reason text
      );
      CREATE TABLE rv_unit_names (
        unit_code text NOT NULL,
        effective_from date NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (unit_code, effective_from)
      );
      CREATE TABLE rv_unit_parents (
        unit_code text NOT NULL,
        effective_from date NOT NULL,
        parent_code text,
        PRIMARY KEY (unit_code, effective_from)
      );
      CREATE INDEX rv_unit_parents_parent ON rv_unit_parents (parent_code);
      CREATE TABLE rv_pairings (
        unit_code text NOT NULL,
        supervisor_code text NOT NULL,
        effective_from date NOT NULL,
        supervisor_kind text NOT NULL,
        effective_to date,
        end_reason text,
        PRIMARY KEY (unit_code, supervisor_code, effective_from)
      );
      CREATE TABLE rv_appointments (
        appointment_id text PRIMARY KEY,
        unit_code text NOT NULL,
        staff_number text NOT NULL,
        post text NOT NULL,
        acting boolean NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        end_reason text,
        stream_version integer NOT NULL
      );
      CREATE INDEX rv_appointments_unit ON rv_appointments (unit_code);
      CREATE INDEX rv_appointments_person ON rv_appointments (staff_number);
      CREATE TABLE rv_portfolios (
        appointment_id text NOT NULL,
        effective_from date NOT NULL,
        covered_unit_codes text[] NOT NULL,
        holder_unit_code text NOT NULL,
        staff_number text NOT NULL,
        effective_to date,
        PRIMARY KEY (appointment_id, effective_from)
      );
      CREATE INDEX rv_portfolios_covered ON rv_portfolios USING gin (covered_unit_codes);
      CREATE INDEX rv_portfolios_holder_unit ON rv_portfolios (holder_unit_code);
      CREATE INDEX rv_portfolios_person ON rv_portfolios (staff_number);
      CREATE TABLE rv_people (
        staff_number text PRIMARY KEY,
        registered_name text NOT NULL
      );
      CREATE TABLE rv_person_names (
        staff_number text NOT NULL,
        effective_from date NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (staff_number, effective_from)
      );
      CREATE TABLE rv_signing_keys (
        fingerprint text PRIMARY KEY,
        staff_number text NOT NULL,
        algorithm text NOT NULL,
        public_key text NOT NULL,
        valid_from date NOT NULL,
        revoked_from date,
        revocation_reason text
      );
      CREATE INDEX rv_signing_keys_person ON rv_signing_keys (staff_number);
      CREATE TABLE rv_relations (
        relation_id text PRIMARY KEY,
        staff_number text NOT NULL,
        kind text NOT NULL,
        unit_code text NOT NULL,
        effective_from date NOT NULL,
        effective_to date
      );
      CREATE INDEX rv_relations_person ON rv_relations (staff_number);
      CREATE INDEX rv_relations_unit ON rv_relations (unit_code);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE rv_relations; DROP TABLE rv_signing_keys; DROP TABLE rv_person_names; DROP TABLE rv_people;
      DROP TABLE rv_portfolios; DROP TABLE rv_appointments; DROP TABLE rv_pairings; DROP TABLE rv_unit_parents;
      DROP TABLE rv_unit_names; DROP TABLE rv_units;
    `);
  }
}

/** The national holiday arrangements published in the registry (`registry.HolidayArrangementPublished`): the latest revision of each year. */
export class RegistryViewHolidayArrangements1765100000100 implements MigrationInterface {
  name = 'RegistryViewHolidayArrangements1765100000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE rv_holiday_arrangements (
        year integer PRIMARY KEY,
        revision integer NOT NULL,
        sources jsonb NOT NULL,
        holidays jsonb NOT NULL,
        make_up_working_days jsonb NOT NULL,
        correction_reason text
      )
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE rv_holiday_arrangements');
  }
}

export const REGISTRY_VIEW_MIGRATIONS = [RegistryView1764300000000, RegistryViewHolidayArrangements1765100000100];
