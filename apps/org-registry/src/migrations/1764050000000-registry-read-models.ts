import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryReadModels1764050000000 implements MigrationInterface {
  name = 'RegistryReadModels1764050000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE reg_units (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        level text NOT NULL,
        parent_code text,
        status text NOT NULL,
        version integer NOT NULL,
        state jsonb NOT NULL
      );
      CREATE INDEX reg_units_parent ON reg_units (parent_code);
      CREATE INDEX reg_units_name ON reg_units (name);
      CREATE TABLE reg_appointments (
        appointment_id uuid PRIMARY KEY,
        unit_code text NOT NULL,
        staff_number text NOT NULL,
        post text NOT NULL,
        acting boolean NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        end_reason text
      );
      CREATE INDEX reg_appointments_unit ON reg_appointments (unit_code);
      CREATE INDEX reg_appointments_person ON reg_appointments (staff_number);
      CREATE TABLE reg_portfolios (
        appointment_id uuid NOT NULL,
        covered_unit_code text NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        holder_unit_code text NOT NULL,
        staff_number text NOT NULL,
        PRIMARY KEY (appointment_id, covered_unit_code, effective_from)
      );
      CREATE INDEX reg_portfolios_covered ON reg_portfolios (covered_unit_code);
      CREATE TABLE reg_people (
        staff_number text PRIMARY KEY,
        name text NOT NULL,
        version integer NOT NULL,
        state jsonb NOT NULL
      );
      CREATE INDEX reg_people_name ON reg_people (name);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE reg_people; DROP TABLE reg_portfolios; DROP TABLE reg_appointments; DROP TABLE reg_units;');
  }
}
