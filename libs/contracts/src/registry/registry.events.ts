/**
 * Public integration events of the organisation registry (source `org-registry`). Each type is
 * versioned on its own; a consumer switches on `type` and `version`. Dates are calendar days
 * `YYYY-MM-DD` (China Standard Time): `effectiveFrom` is the first day a fact holds, `effectiveTo`
 * the last day it held. People appear by staff number and name only.
 */

export const REGISTRY_SOURCE = 'org-registry' as const;

/** Kafka topic of every registry integration event, keyed by stream id. */
export const REGISTRY_TOPIC = 'registry.events.v1' as const;

export const REGISTRY_UNIT_KINDS = [
  'party_committee',
  'party_group',
  'discipline_commission',
  'discipline_inspection_group',
  'government_department',
  'township',
  'enterprise_institution',
] as const;
export type RegistryUnitKind = (typeof REGISTRY_UNIT_KINDS)[number];

export const REGISTRY_UNIT_LEVELS = ['province', 'city', 'district', 'township', 'department'] as const;
export type RegistryUnitLevel = (typeof REGISTRY_UNIT_LEVELS)[number];

export const REGISTRY_POST_KINDS = [
  'principal_leader',
  'deputy_secretary',
  'team_member',
  'commission_secretary',
  'commission_deputy',
  'inspection_group_head',
  'department_head',
] as const;
export type RegistryPostKind = (typeof REGISTRY_POST_KINDS)[number];

export const REGISTRY_APPOINTMENT_END_REASONS = [
  'term_expired',
  'transferred',
  'retired',
  'resigned',
  'dismissed',
  'ordered_to_resign',
  'demoted',
  'deceased',
  'acting_ended',
  'unit_dissolved',
  'other',
] as const;
export type RegistryAppointmentEndReason = (typeof REGISTRY_APPOINTMENT_END_REASONS)[number];

export const REGISTRY_PAIRING_END_REASONS = ['reorganised', 'counterpart_dissolved', 'unit_dissolved'] as const;
export type RegistryPairingEndReason = (typeof REGISTRY_PAIRING_END_REASONS)[number];

export const REGISTRY_SIGNING_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type RegistrySigningAlgorithm = (typeof REGISTRY_SIGNING_ALGORITHMS)[number];

export const REGISTRY_KEY_REVOCATION_REASONS = ['compromised', 'superseded', 'holder_left', 'other'] as const;
export type RegistryKeyRevocationReason = (typeof REGISTRY_KEY_REVOCATION_REASONS)[number];

export const REGISTRY_RELATION_KINDS = ['kinship', 'former_post'] as const;
export type RegistryRelationKind = (typeof REGISTRY_RELATION_KINDS)[number];

export const RegistryEventTypes = {
  UnitRegistered: 'registry.UnitRegistered',
  UnitRenamed: 'registry.UnitRenamed',
  UnitMoved: 'registry.UnitMoved',
  UnitDissolved: 'registry.UnitDissolved',
  UnitPaired: 'registry.UnitPaired',
  UnitPairingEnded: 'registry.UnitPairingEnded',
  AppointmentMade: 'registry.AppointmentMade',
  AppointmentEnded: 'registry.AppointmentEnded',
  PortfolioAssigned: 'registry.PortfolioAssigned',
  PortfolioEnded: 'registry.PortfolioEnded',
  PersonRegistered: 'registry.PersonRegistered',
  PersonRenamed: 'registry.PersonRenamed',
  SigningKeyRegistered: 'registry.SigningKeyRegistered',
  SigningKeyRevoked: 'registry.SigningKeyRevoked',
  RelationDeclared: 'registry.RelationDeclared',
  RelationWithdrawn: 'registry.RelationWithdrawn',
  HolidayArrangementPublished: 'registry.HolidayArrangementPublished',
} as const;

export type RegistryEventType = (typeof RegistryEventTypes)[keyof typeof RegistryEventTypes];

export interface RegistryIntegrationEvent<Type extends RegistryEventType, Version extends number, Data> {
  readonly type: Type;
  readonly version: Version;
  readonly data: Data;
}

export type UnitRegisteredV1 = RegistryIntegrationEvent<
  'registry.UnitRegistered',
  1,
  {
    readonly unitCode: string;
    readonly name: string;
    readonly kind: RegistryUnitKind;
    readonly level: RegistryUnitLevel;
    /** `null` for a top-level unit. */
    readonly parentCode: string | null;
    /** 6-digit administrative division code. */
    readonly jurisdictionCode: string;
    readonly effectiveFrom: string;
  }
>;

export type UnitRenamedV1 = RegistryIntegrationEvent<
  'registry.UnitRenamed',
  1,
  { readonly unitCode: string; readonly name: string; readonly previousName: string; readonly effectiveFrom: string }
>;

export type UnitMovedV1 = RegistryIntegrationEvent<
  'registry.UnitMoved',
  1,
  { readonly unitCode: string; readonly parentCode: string; readonly previousParentCode: string | null; readonly effectiveFrom: string }
>;

/** From `effectiveFrom` on the unit no longer exists; its appointments, portfolios and pairing were ended the day before. */
export type UnitDissolvedV1 = RegistryIntegrationEvent<
  'registry.UnitDissolved',
  1,
  { readonly unitCode: string; readonly effectiveFrom: string; readonly reason: string }
>;

/** The Party committee or group `unitCode` is supervised by the commission or inspection group `supervisorCode`. */
export type UnitPairedV1 = RegistryIntegrationEvent<
  'registry.UnitPaired',
  1,
  { readonly unitCode: string; readonly supervisorCode: string; readonly supervisorKind: RegistryUnitKind; readonly effectiveFrom: string }
>;

export type UnitPairingEndedV1 = RegistryIntegrationEvent<
  'registry.UnitPairingEnded',
  1,
  { readonly unitCode: string; readonly supervisorCode: string; readonly effectiveTo: string; readonly reason: RegistryPairingEndReason }
>;

export type AppointmentMadeV1 = RegistryIntegrationEvent<
  'registry.AppointmentMade',
  1,
  {
    readonly appointmentId: string;
    readonly unitCode: string;
    readonly staffNumber: string;
    readonly post: RegistryPostKind;
    readonly acting: boolean;
    readonly effectiveFrom: string;
  }
>;

export type AppointmentEndedV1 = RegistryIntegrationEvent<
  'registry.AppointmentEnded',
  1,
  {
    readonly appointmentId: string;
    readonly unitCode: string;
    readonly staffNumber: string;
    readonly post: RegistryPostKind;
    readonly effectiveTo: string;
    readonly reason: RegistryAppointmentEndReason;
  }
>;

/** The holder of `appointmentId` in `unitCode` is in charge of `coveredUnitCodes` (分管/联系); replaces any earlier portfolio of that appointment. */
export type PortfolioAssignedV1 = RegistryIntegrationEvent<
  'registry.PortfolioAssigned',
  1,
  {
    readonly appointmentId: string;
    readonly unitCode: string;
    readonly staffNumber: string;
    readonly coveredUnitCodes: readonly string[];
    readonly effectiveFrom: string;
  }
>;

export type PortfolioEndedV1 = RegistryIntegrationEvent<
  'registry.PortfolioEnded',
  1,
  { readonly appointmentId: string; readonly unitCode: string; readonly staffNumber: string; readonly effectiveTo: string }
>;

export type PersonRegisteredV1 = RegistryIntegrationEvent<
  'registry.PersonRegistered',
  1,
  { readonly staffNumber: string; readonly name: string }
>;

export type PersonRenamedV1 = RegistryIntegrationEvent<
  'registry.PersonRenamed',
  1,
  { readonly staffNumber: string; readonly name: string }
>;

/** Version 2 dates the change: the person bears `name` from `effectiveFrom` on (until a later rename). */
export type PersonRenamedV2 = RegistryIntegrationEvent<
  'registry.PersonRenamed',
  2,
  { readonly staffNumber: string; readonly name: string; readonly effectiveFrom: string }
>;

/** `publicKey` is lowercase hex (or PEM SPKI) as registered; `fingerprint` identifies the key in signatures. */
export type SigningKeyRegisteredV1 = RegistryIntegrationEvent<
  'registry.SigningKeyRegistered',
  1,
  {
    readonly staffNumber: string;
    readonly algorithm: RegistrySigningAlgorithm;
    readonly publicKey: string;
    readonly fingerprint: string;
    readonly effectiveFrom: string;
  }
>;

/** Signatures dated on or after `effectiveFrom` by this key are not valid. */
export type SigningKeyRevokedV1 = RegistryIntegrationEvent<
  'registry.SigningKeyRevoked',
  1,
  {
    readonly staffNumber: string;
    readonly fingerprint: string;
    readonly effectiveFrom: string;
    readonly reason: RegistryKeyRevocationReason;
  }
>;

/** A declared relation between a person and a unit, for conflict-of-interest (回避) checks. */
export type RelationDeclaredV1 = RegistryIntegrationEvent<
  'registry.RelationDeclared',
  1,
  {
    readonly relationId: string;
    readonly staffNumber: string;
    readonly kind: RegistryRelationKind;
    readonly unitCode: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
  }
>;

export type RelationWithdrawnV1 = RegistryIntegrationEvent<
  'registry.RelationWithdrawn',
  1,
  { readonly relationId: string; readonly staffNumber: string; readonly effectiveTo: string }
>;

/**
 * One year's national holiday arrangement (the State Council notice) as published in the registry,
 * stream `calendar-year-<year>`: every revision carries the whole arrangement; a later `revision`
 * (the stream version) corrects an earlier one and says why in `correctionReason` (null on the
 * first). Holidays may begin in December of the year before, and make-up working days (调休上班) of
 * the year may fall there. Consumers extend their working-day calendar with it; years follow on
 * one another from the last year compiled into the code.
 */
export type HolidayArrangementPublishedV1 = RegistryIntegrationEvent<
  'registry.HolidayArrangementPublished',
  1,
  {
    readonly year: number;
    readonly revision: number;
    /** The notice(s): title, document number and publication date as text. */
    readonly sources: readonly string[];
    readonly holidays: readonly { readonly name: string; readonly from: string; readonly to: string }[];
    readonly makeUpWorkingDays: readonly string[];
    readonly correctionReason: string | null;
  }
>;

export type RegistryEvent =
  | UnitRegisteredV1
  | UnitRenamedV1
  | UnitMovedV1
  | UnitDissolvedV1
  | UnitPairedV1
  | UnitPairingEndedV1
  | AppointmentMadeV1
  | AppointmentEndedV1
  | PortfolioAssignedV1
  | PortfolioEndedV1
  | PersonRegisteredV1
  | PersonRenamedV1
  | PersonRenamedV2
  | SigningKeyRegisteredV1
  | SigningKeyRevokedV1
  | RelationDeclaredV1
  | RelationWithdrawnV1
  | HolidayArrangementPublishedV1;
