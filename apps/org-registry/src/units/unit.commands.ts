import type { Command } from '@app/domain';

/**
 * Commands of the Unit aggregate (stream `unit-<unitCode>`). Values arrive as received from the
 * edge (strings), the decider checks them. Facts about other streams (the new parent's ancestry,
 * the counterpart's kind) are read by the application from its read models.
 */

export type RegisterUnit = Command<
  'RegisterUnit',
  {
    readonly unitCode: string;
    readonly name: string;
    readonly kind: string;
    readonly level: string;
    readonly parentCode?: string | null;
    readonly jurisdictionCode: string;
    readonly effectiveFrom: string;
  }
>;

export type RenameUnit = Command<'RenameUnit', { readonly unitCode: string; readonly name: string; readonly effectiveFrom: string }>;

export type MoveUnit = Command<
  'MoveUnit',
  {
    readonly unitCode: string;
    readonly newParentCode: string;
    /** Codes of the new parent's ancestors (parent, grandparent, … root), from the app's read model. */
    readonly newParentAncestry: readonly string[];
    readonly effectiveFrom: string;
  }
>;

export type DissolveUnit = Command<'DissolveUnit', { readonly unitCode: string; readonly effectiveFrom: string; readonly reason: string }>;

export type PairUnit = Command<
  'PairUnit',
  {
    readonly unitCode: string;
    readonly counterpartCode: string;
    /** Kind of the counterpart unit, from the app's read model. */
    readonly counterpartKind: string;
    readonly effectiveFrom: string;
  }
>;

export type EndUnitPairing = Command<
  'EndUnitPairing',
  { readonly unitCode: string; readonly effectiveTo: string; readonly reason: string }
>;

export type MakeAppointment = Command<
  'MakeAppointment',
  {
    readonly unitCode: string;
    /** UUID generated at the edge. */
    readonly appointmentId: string;
    readonly staffNumber: string;
    readonly post: string;
    readonly acting: boolean;
    readonly effectiveFrom: string;
    /** For recording a past holder: the last day in post, with `endReason`. */
    readonly effectiveTo?: string;
    readonly endReason?: string;
  }
>;

export type EndAppointment = Command<
  'EndAppointment',
  {
    readonly unitCode: string;
    readonly appointmentId: string;
    readonly effectiveTo: string;
    readonly reason: string;
    /** Required when the reason is `other`. */
    readonly note?: string;
  }
>;

export type AssignPortfolio = Command<
  'AssignPortfolio',
  {
    readonly unitCode: string;
    readonly appointmentId: string;
    readonly coveredUnitCodes: readonly string[];
    readonly effectiveFrom: string;
  }
>;

export type EndPortfolio = Command<
  'EndPortfolio',
  { readonly unitCode: string; readonly appointmentId: string; readonly effectiveTo: string }
>;

export type UnitCommand =
  | RegisterUnit
  | RenameUnit
  | MoveUnit
  | DissolveUnit
  | PairUnit
  | EndUnitPairing
  | MakeAppointment
  | EndAppointment
  | AssignPortfolio
  | EndPortfolio;

export type UnitCommandType = UnitCommand['type'];

export const unitStreamId = (unitCode: string): string => `unit-${unitCode}`;
