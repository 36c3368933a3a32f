import type { EntityManager } from 'typeorm';
import type { Projection, SealedEvent } from '@app/eventstore';
import { unitDecider, type UnitState } from '../units/unit.decider';
import type { UnitEvent } from '../units/unit.events';
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
  async apply(stored: SealedEvent, manager: EntityManager) {
    const event = stored as unknown as UnitEvent & SealedEvent;
    const code = event.data.unitCode;
    const row = await manager.findOneBy(UnitRow, { code });
    const state = unitDecider.evolve((row?.state as UnitState | undefined) ?? unitDecider.initialState(), event);
    if (state.status === 'absent') return;
    await manager.save(UnitRow, {
      code,
      name: state.names.at(-1)!.name,
      kind: state.kind,
      level: state.level,
      parentCode: state.parents.at(-1)!.parentCode,
      status: state.status,
      version: stored.version,
      state,
    });
    await indexAppointments(event, manager);
  },
};

async function indexAppointments(event: UnitEvent, manager: EntityManager): Promise<void> {
  switch (event.type) {
    case 'AppointmentMade':
      await manager.save(AppointmentRow, {
        appointmentId: event.data.appointmentId,
        unitCode: event.data.unitCode,
        staffNumber: event.data.staffNumber,
        post: event.data.post,
        acting: event.data.acting,
        effectiveFrom: event.data.effectiveFrom,
        effectiveTo: null,
        endReason: null,
      });
      return;
    case 'AppointmentEnded':
      await manager.update(AppointmentRow, { appointmentId: event.data.appointmentId }, { effectiveTo: event.data.effectiveTo, endReason: event.data.reason });
      await manager.query('UPDATE reg_portfolios SET effective_to = $2 WHERE appointment_id = $1 AND (effective_to IS NULL OR effective_to > $2)', [
        event.data.appointmentId,
        event.data.effectiveTo,
      ]);
      return;
    case 'PortfolioAssigned':
      await manager.save(
        PortfolioRow,
        event.data.coveredUnitCodes.map((coveredUnitCode) => ({
          appointmentId: event.data.appointmentId,
          coveredUnitCode,
          effectiveFrom: event.data.effectiveFrom,
          effectiveTo: null,
          holderUnitCode: event.data.unitCode,
          staffNumber: event.data.staffNumber,
        })),
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
