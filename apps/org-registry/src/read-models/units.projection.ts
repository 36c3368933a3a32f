import type { EntityManager } from 'typeorm';
import type { Projection, StoredEvent } from '@app/eventstore';
import { unitDecider, type UnitState } from '../units/unit.decider';
import type { UnitEvent } from '../units/unit.events';
import { foldBatch } from '@app/kit';
import { AppointmentRow, PortfolioRow, UnitRow } from './read-model.entities';

const UNIT_EVENTS: readonly UnitEvent['type'][] = [
  'UnitRegistered',
  'UnitRenamed',
  'UnitMoved',
  'UnitDissolved',
  'UnitPaired',
  'UnitPairingEnded',
  'AppointmentMade',
  'AppointmentEnded',
  'PortfolioAssigned',
  'PortfolioEnded',
];

/** Units folded by the decider's own evolve, plus the appointment and portfolio indexes. */
export const unitsProjection: Projection = {
  name: 'registry-units',
  version: 1,
  handles: UNIT_EVENTS,
  async reset(manager) {
    await manager.query('TRUNCATE reg_units, reg_appointments, reg_portfolios');
  },
  apply(stored: StoredEvent, manager: EntityManager) {
    return this.applyAll!([stored], manager);
  },
  /** Folds each unit's events of the batch onto its row, then writes each row touched once. */
  async applyAll(events: readonly StoredEvent[], manager: EntityManager) {
    const touched = await foldBatch<UnitState, UnitEvent>(events, {
      keyOf: (event) => event.data.unitCode,
      load: (code) => manager.findOne(UnitRow, { where: { code }, select: { state: true, version: true } }),
      initialState: unitDecider.initialState,
      evolve: unitDecider.evolve,
      each: (event) => indexAppointments(event, manager),
    });
    const rows = [...touched].flatMap(([code, { state, version }]) =>
      state.status === 'absent'
        ? []
        : [
            {
              code,
              name: state.names.at(-1)!.name,
              kind: state.kind,
              level: state.level,
              parentCode: state.parents.at(-1)!.parentCode,
              status: state.status,
              version,
              state,
            },
          ],
    );
    if (rows.length > 0) await manager.upsert(UnitRow, rows, ['code']);
  },
};

async function indexAppointments(event: UnitEvent, manager: EntityManager): Promise<void> {
  switch (event.type) {
    case 'AppointmentMade':
      await manager.upsert(
        AppointmentRow,
        {
          appointmentId: event.data.appointmentId,
          unitCode: event.data.unitCode,
          staffNumber: event.data.staffNumber,
          post: event.data.post,
          acting: event.data.acting,
          effectiveFrom: event.data.effectiveFrom,
          effectiveTo: null,
          endReason: null,
        },
        ['appointmentId'],
      );
      return;
    case 'AppointmentEnded':
      await manager.update(
        AppointmentRow,
        { appointmentId: event.data.appointmentId },
        { effectiveTo: event.data.effectiveTo, endReason: event.data.reason },
      );
      await manager.query(
        'UPDATE reg_portfolios SET effective_to = $2 WHERE appointment_id = $1 AND (effective_to IS NULL OR effective_to > $2)',
        [event.data.appointmentId, event.data.effectiveTo],
      );
      return;
    case 'PortfolioAssigned':
      await manager.upsert(
        PortfolioRow,
        event.data.coveredUnitCodes.map((coveredUnitCode) => ({
          appointmentId: event.data.appointmentId,
          coveredUnitCode,
          effectiveFrom: event.data.effectiveFrom,
          effectiveTo: null,
          holderUnitCode: event.data.unitCode,
          staffNumber: event.data.staffNumber,
        })),
        ['appointmentId', 'coveredUnitCode', 'effectiveFrom'],
      );
      return;
    case 'PortfolioEnded':
      await manager.query('UPDATE reg_portfolios SET effective_to = $2 WHERE appointment_id = $1 AND effective_to IS NULL', [
        event.data.appointmentId,
        event.data.effectiveTo,
      ]);
      return;
    default:
      return;
  }
}
