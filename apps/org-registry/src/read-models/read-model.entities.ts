import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PersonState } from '../people/person.decider';
import type { UnitState } from '../units/unit.decider';

/** A unit as folded from its stream, with the columns the queries filter on. */
@Entity({ name: 'reg_units' })
export class UnitRow {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Index() @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) level!: string;
  @Index() @Column({ type: 'text', name: 'parent_code', nullable: true }) parentCode!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) state!: Exclude<UnitState, { status: 'absent' }>;
}

/** Every appointment, for a person's history and a unit's team on a day. */
@Entity({ name: 'reg_appointments' })
export class AppointmentRow {
  @PrimaryColumn({ type: 'uuid', name: 'appointment_id' }) appointmentId!: string;
  @Index() @Column({ type: 'text', name: 'unit_code' }) unitCode!: string;
  @Index() @Column({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  @Column({ type: 'text' }) post!: string;
  @Column({ type: 'boolean' }) acting!: boolean;
  @Column({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'date', name: 'effective_to', nullable: true }) effectiveTo!: string | null;
  @Column({ type: 'text', name: 'end_reason', nullable: true }) endReason!: string | null;
}

/** Who is in charge of a unit (分管/联系), by the covered unit. */
@Entity({ name: 'reg_portfolios' })
export class PortfolioRow {
  @PrimaryColumn({ type: 'uuid', name: 'appointment_id' }) appointmentId!: string;
  @PrimaryColumn({ type: 'text', name: 'covered_unit_code' }) coveredUnitCode!: string;
  @PrimaryColumn({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'date', name: 'effective_to', nullable: true }) effectiveTo!: string | null;
  @Column({ type: 'text', name: 'holder_unit_code' }) holderUnitCode!: string;
  @Column({ type: 'text', name: 'staff_number' }) staffNumber!: string;
}

@Entity({ name: 'reg_people' })
export class PersonRow {
  @PrimaryColumn({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  @Index() @Column({ type: 'text' }) name!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) state!: Extract<PersonState, { status: 'registered' }>;
}

export const REGISTRY_ENTITIES = [UnitRow, AppointmentRow, PortfolioRow, PersonRow];
