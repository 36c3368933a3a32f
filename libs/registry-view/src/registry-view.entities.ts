import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The registry as this service knows it: tables `rv_*`, fed only by the registry's integration
 * events. Days are `date` columns read back as `YYYY-MM-DD`; `*_to` is the last day a fact held.
 */

@Entity({ name: 'rv_units' })
export class RvUnit {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) level!: string;
  @Column({ type: 'text', name: 'jurisdiction_code' }) jurisdictionCode!: string;
  @Column({ type: 'date', name: 'registered_from' }) registeredFrom!: string;
  /** The first day the unit no longer existed. */
  @Column({ type: 'date', name: 'dissolved_from', nullable: true }) dissolvedFrom!: string | null;
  @Column({ type: 'text', name: 'dissolution_reason', nullable: true }) dissolutionReason!: string | null;
}

@Entity({ name: 'rv_unit_names' })
export class RvUnitName {
  @PrimaryColumn({ type: 'text', name: 'unit_code' }) unitCode!: string;
  @PrimaryColumn({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'text' }) name!: string;
}

@Entity({ name: 'rv_unit_parents' })
export class RvUnitParent {
  @PrimaryColumn({ type: 'text', name: 'unit_code' }) unitCode!: string;
  @PrimaryColumn({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'text', name: 'parent_code', nullable: true }) parentCode!: string | null;
}

/** A committee (`unit_code`) supervised by a commission or inspection group over a period. */
@Entity({ name: 'rv_pairings' })
export class RvPairing {
  @PrimaryColumn({ type: 'text', name: 'unit_code' }) unitCode!: string;
  @PrimaryColumn({ type: 'text', name: 'supervisor_code' }) supervisorCode!: string;
  @PrimaryColumn({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'text', name: 'supervisor_kind' }) supervisorKind!: string;
  @Column({ type: 'date', name: 'effective_to', nullable: true }) effectiveTo!: string | null;
  @Column({ type: 'text', name: 'end_reason', nullable: true }) endReason!: string | null;
}

@Entity({ name: 'rv_appointments' })
export class RvAppointment {
  @PrimaryColumn({ type: 'text', name: 'appointment_id' }) appointmentId!: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode!: string;
  @Column({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  @Column({ type: 'text' }) post!: string;
  @Column({ type: 'boolean' }) acting!: boolean;
  @Column({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'date', name: 'effective_to', nullable: true }) effectiveTo!: string | null;
  @Column({ type: 'text', name: 'end_reason', nullable: true }) endReason!: string | null;
  /** The version of the unit's stream that made it: the registry's order of appointments. */
  @Column({ type: 'integer', name: 'stream_version' }) streamVersion!: number;
}

/** The units an appointment's holder was in charge of (分管/联系) over a period. */
@Entity({ name: 'rv_portfolios' })
export class RvPortfolio {
  @PrimaryColumn({ type: 'text', name: 'appointment_id' }) appointmentId!: string;
  @PrimaryColumn({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'text', name: 'covered_unit_codes', array: true }) coveredUnitCodes!: string[];
  @Column({ type: 'text', name: 'holder_unit_code' }) holderUnitCode!: string;
  @Column({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  @Column({ type: 'date', name: 'effective_to', nullable: true }) effectiveTo!: string | null;
}

@Entity({ name: 'rv_people' })
export class RvPerson {
  @PrimaryColumn({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  /** The name registered with; it holds on every day before the first dated rename. */
  @Column({ type: 'text', name: 'registered_name' }) registeredName!: string;
}

@Entity({ name: 'rv_person_names' })
export class RvPersonName {
  @PrimaryColumn({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  @PrimaryColumn({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'text' }) name!: string;
}

@Entity({ name: 'rv_signing_keys' })
export class RvSigningKey {
  @PrimaryColumn({ type: 'text' }) fingerprint!: string;
  @Column({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  @Column({ type: 'text' }) algorithm!: string;
  @Column({ type: 'text', name: 'public_key' }) publicKey!: string;
  @Column({ type: 'date', name: 'valid_from' }) validFrom!: string;
  /** The first day signatures by the key are no longer valid. */
  @Column({ type: 'date', name: 'revoked_from', nullable: true }) revokedFrom!: string | null;
  @Column({ type: 'text', name: 'revocation_reason', nullable: true }) revocationReason!: string | null;
}

@Entity({ name: 'rv_relations' })
export class RvRelation {
  @PrimaryColumn({ type: 'text', name: 'relation_id' }) relationId!: string;
  @Column({ type: 'text', name: 'staff_number' }) staffNumber!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode!: string;
  @Column({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'date', name: 'effective_to', nullable: true }) effectiveTo!: string | null;
}

/** A year's national holiday arrangement as last published in the registry (its latest revision). */
@Entity({ name: 'rv_holiday_arrangements' })
export class RvHolidayArrangement {
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'jsonb' }) sources!: string[];
  @Column({ type: 'jsonb' }) holidays!: { name: string; from: string; to: string }[];
  @Column({ type: 'jsonb', name: 'make_up_working_days' }) makeUpWorkingDays!: string[];
  @Column({ type: 'text', name: 'correction_reason', nullable: true }) correctionReason!: string | null;
}

export const REGISTRY_VIEW_ENTITIES = [
  RvUnit,
  RvUnitName,
  RvUnitParent,
  RvPairing,
  RvAppointment,
  RvPortfolio,
  RvPerson,
  RvPersonName,
  RvSigningKey,
  RvRelation,
  RvHolidayArrangement,
];
