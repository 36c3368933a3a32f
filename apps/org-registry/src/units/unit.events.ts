import type { DomainEvent } from '@app/domain';
import type { PostKind } from './posts';
import type { UnitKind, UnitLevel } from './unit-kinds';

/**
 * Dates are calendar days (YYYY-MM-DD, China Standard Time). `effectiveFrom` is the first day the
 * new situation holds; `effectiveTo` is the last day the ended situation held (inclusive).
 */

export type UnitRegistered = DomainEvent<
  'UnitRegistered',
  {
    readonly unitCode: string;
    readonly name: string;
    readonly kind: UnitKind;
    readonly level: UnitLevel;
    readonly parentCode: string | null;
    readonly jurisdictionCode: string;
    readonly effectiveFrom: string;
  }
>;

export type UnitRenamed = DomainEvent<
  'UnitRenamed',
  { readonly unitCode: string; readonly name: string; readonly previousName: string; readonly effectiveFrom: string }
>;

export type UnitMoved = DomainEvent<
  'UnitMoved',
  { readonly unitCode: string; readonly parentCode: string; readonly previousParentCode: string | null; readonly effectiveFrom: string }
>;

/** From `effectiveFrom` on the unit no longer exists. */
export type UnitDissolved = DomainEvent<
  'UnitDissolved',
  { readonly unitCode: string; readonly effectiveFrom: string; readonly reason: string }
>;

/** The committee side (`unitCode`) is supervised by `counterpartCode` from `effectiveFrom`. */
export type UnitPaired = DomainEvent<
  'UnitPaired',
  { readonly unitCode: string; readonly counterpartCode: string; readonly counterpartKind: UnitKind; readonly effectiveFrom: string }
>;

export const PAIRING_END_REASONS = ['reorganised', 'counterpart_dissolved', 'unit_dissolved'] as const;
export type PairingEndReason = (typeof PAIRING_END_REASONS)[number];

export type UnitPairingEnded = DomainEvent<
  'UnitPairingEnded',
  { readonly unitCode: string; readonly counterpartCode: string; readonly effectiveTo: string; readonly reason: PairingEndReason }
>;

export type AppointmentMade = DomainEvent<
  'AppointmentMade',
  {
    readonly unitCode: string;
    readonly appointmentId: string;
    readonly staffNumber: string;
    readonly post: PostKind;
    /** 代理 / 主持工作: holds the post without a substantive appointment. */
    readonly acting: boolean;
    readonly effectiveFrom: string;
  }
>;

export const APPOINTMENT_END_REASONS = [
  'term_expired', // 任期届满
  'transferred', // 调任
  'retired', // 退休
  'resigned', // 辞职
  'dismissed', // 免职
  'ordered_to_resign', // 责令辞职
  'demoted', // 降职
  'deceased',
  'acting_ended', // 代理结束
  'unit_dissolved',
  'other',
] as const;
export type AppointmentEndReason = (typeof APPOINTMENT_END_REASONS)[number];

export type AppointmentEnded = DomainEvent<
  'AppointmentEnded',
  {
    readonly unitCode: string;
    readonly appointmentId: string;
    readonly staffNumber: string;
    readonly post: PostKind;
    readonly effectiveTo: string;
    readonly reason: AppointmentEndReason;
    readonly note?: string;
  }
>;

/** The holder of `appointmentId` is in charge of `coveredUnitCodes` (分管/联系) from `effectiveFrom`. */
export type PortfolioAssigned = DomainEvent<
  'PortfolioAssigned',
  {
    readonly unitCode: string;
    readonly appointmentId: string;
    readonly staffNumber: string;
    readonly coveredUnitCodes: readonly string[];
    readonly effectiveFrom: string;
  }
>;

export type PortfolioEnded = DomainEvent<
  'PortfolioEnded',
  { readonly unitCode: string; readonly appointmentId: string; readonly staffNumber: string; readonly effectiveTo: string }
>;

export type UnitEvent =
  | UnitRegistered
  | UnitRenamed
  | UnitMoved
  | UnitDissolved
  | UnitPaired
  | UnitPairingEnded
  | AppointmentMade
  | AppointmentEnded
  | PortfolioAssigned
  | PortfolioEnded;

export type UnitEventType = UnitEvent['type'];
