import { RegistryEventTypes as T } from '@app/contracts';
import { unreachable } from '@app/domain';
import type { EntityManager } from 'typeorm';
import type { ViewEvent } from './registry-event.reader';

/**
 * Applies one registry event to the `rv_*` tables, in the caller's transaction (the inbox's).
 * Each statement is idempotent on its own: a fact that starts something is inserted once by its
 * natural key (a second copy changes nothing), a dated change is upserted by (subject, day), an
 * ending sets the end of what it ends. So applying the same event twice leaves the tables as once.
 */
export async function applyRegistryEvent(manager: EntityManager, event: ViewEvent, streamVersion: number): Promise<void> {
  const sql = (text: string, parameters: unknown[]) => manager.query(text, parameters);
  switch (event.type) {
    case T.UnitRegistered: {
      const { unitCode, kind, level, jurisdictionCode, effectiveFrom, name, parentCode } = event.data;
      await sql(
        `INSERT INTO rv_units (code, kind, level, jurisdiction_code, registered_from) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING`,
        [unitCode, kind, level, jurisdictionCode, effectiveFrom],
      );
      await sql('INSERT INTO rv_unit_names (unit_code, effective_from, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        unitCode,
        effectiveFrom,
        name,
      ]);
      await sql('INSERT INTO rv_unit_parents (unit_code, effective_from, parent_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        unitCode,
        effectiveFrom,
        parentCode,
      ]);
      return;
    }
    case T.UnitRenamed: {
      const { unitCode, effectiveFrom, name } = event.data;
      await sql(
        `INSERT INTO rv_unit_names (unit_code, effective_from, name) VALUES ($1, $2, $3)
         ON CONFLICT (unit_code, effective_from) DO UPDATE SET name = EXCLUDED.name`,
        [unitCode, effectiveFrom, name],
      );
      return;
    }
    case T.UnitMoved: {
      const { unitCode, effectiveFrom, parentCode } = event.data;
      await sql(
        `INSERT INTO rv_unit_parents (unit_code, effective_from, parent_code) VALUES ($1, $2, $3)
         ON CONFLICT (unit_code, effective_from) DO UPDATE SET parent_code = EXCLUDED.parent_code`,
        [unitCode, effectiveFrom, parentCode],
      );
      return;
    }
    case T.UnitDissolved: {
      const { unitCode, effectiveFrom, reason } = event.data;
      await sql('UPDATE rv_units SET dissolved_from = $2, dissolution_reason = $3 WHERE code = $1', [unitCode, effectiveFrom, reason]);
      return;
    }
    case T.UnitPaired: {
      const { unitCode, supervisorCode, supervisorKind, effectiveFrom } = event.data;
      await sql(
        `INSERT INTO rv_pairings (unit_code, supervisor_code, effective_from, supervisor_kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [unitCode, supervisorCode, effectiveFrom, supervisorKind],
      );
      return;
    }
    case T.UnitPairingEnded: {
      const { unitCode, supervisorCode, effectiveTo, reason } = event.data;
      await sql(
        `UPDATE rv_pairings SET effective_to = $3, end_reason = $4
         WHERE unit_code = $1 AND supervisor_code = $2 AND effective_from <= $3 AND (effective_to IS NULL OR effective_to = $3)`,
        [unitCode, supervisorCode, effectiveTo, reason],
      );
      return;
    }
    case T.AppointmentMade: {
      const { appointmentId, unitCode, staffNumber, post, acting, effectiveFrom } = event.data;
      await sql(
        `INSERT INTO rv_appointments (appointment_id, unit_code, staff_number, post, acting, effective_from, stream_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (appointment_id) DO NOTHING`,
        [appointmentId, unitCode, staffNumber, post, acting, effectiveFrom, streamVersion],
      );
      return;
    }
    case T.AppointmentEnded: {
      const { appointmentId, effectiveTo, reason } = event.data;
      await sql('UPDATE rv_appointments SET effective_to = $2, end_reason = $3 WHERE appointment_id = $1', [
        appointmentId,
        effectiveTo,
        reason,
      ]);
      return;
    }
    case T.PortfolioAssigned: {
      const { appointmentId, unitCode, staffNumber, coveredUnitCodes, effectiveFrom } = event.data;
      await sql(
        `INSERT INTO rv_portfolios (appointment_id, effective_from, covered_unit_codes, holder_unit_code, staff_number)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [appointmentId, effectiveFrom, [...coveredUnitCodes], unitCode, staffNumber],
      );
      return;
    }
    case T.PortfolioEnded: {
      const { appointmentId, effectiveTo } = event.data;
      await sql(
        `UPDATE rv_portfolios SET effective_to = $2
         WHERE appointment_id = $1 AND effective_from <= $2 AND (effective_to IS NULL OR effective_to = $2)`,
        [appointmentId, effectiveTo],
      );
      return;
    }
    case T.PersonRegistered: {
      const { staffNumber, name } = event.data;
      await sql('INSERT INTO rv_people (staff_number, registered_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [staffNumber, name]);
      return;
    }
    case T.PersonRenamed: {
      const { staffNumber, name, effectiveFrom } = event.data;
      await sql(
        `INSERT INTO rv_person_names (staff_number, effective_from, name) VALUES ($1, $2, $3)
         ON CONFLICT (staff_number, effective_from) DO UPDATE SET name = EXCLUDED.name`,
        [staffNumber, effectiveFrom, name],
      );
      return;
    }
    case T.SigningKeyRegistered: {
      const { staffNumber, algorithm, publicKey, fingerprint, effectiveFrom } = event.data;
      await sql(
        `INSERT INTO rv_signing_keys (fingerprint, staff_number, algorithm, public_key, valid_from) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [fingerprint, staffNumber, algorithm, publicKey, effectiveFrom],
      );
      return;
    }
    case T.SigningKeyRevoked: {
      const { fingerprint, effectiveFrom, reason } = event.data;
      await sql('UPDATE rv_signing_keys SET revoked_from = $2, revocation_reason = $3 WHERE fingerprint = $1', [
        fingerprint,
        effectiveFrom,
        reason,
      ]);
      return;
    }
    case T.RelationDeclared: {
      const { relationId, staffNumber, kind, unitCode, effectiveFrom, effectiveTo } = event.data;
      await sql(
        `INSERT INTO rv_relations (relation_id, staff_number, kind, unit_code, effective_from, effective_to)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [relationId, staffNumber, kind, unitCode, effectiveFrom, effectiveTo ?? null],
      );
      return;
    }
    case T.RelationWithdrawn: {
      const { relationId, effectiveTo } = event.data;
      await sql('UPDATE rv_relations SET effective_to = $2 WHERE relation_id = $1', [relationId, effectiveTo]);
      return;
    }
    case T.HolidayArrangementPublished: {
      const { year, revision, sources, holidays, makeUpWorkingDays, correctionReason } = event.data;
      // The latest revision of a year wins, whatever order two revisions arrive in.
      await sql(
        `INSERT INTO rv_holiday_arrangements (year, revision, sources, holidays, make_up_working_days, correction_reason)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year) DO UPDATE SET revision = EXCLUDED.revision, sources = EXCLUDED.sources, holidays = EXCLUDED.holidays,
           make_up_working_days = EXCLUDED.make_up_working_days, correction_reason = EXCLUDED.correction_reason
         WHERE rv_holiday_arrangements.revision < EXCLUDED.revision`,
        [
          year,
          revision,
          JSON.stringify(sources),
          JSON.stringify(holidays.map(({ name, from, to }) => ({ name, from, to }))),
          JSON.stringify(makeUpWorkingDays),
          correctionReason,
        ],
      );
      return;
    }
    default:
      return unreachable(event);
  }
}
