import type { Command } from '@app/domain';

/**
 * Commands of the Person aggregate (stream `person-<staffNumber>`). Values arrive as received from
 * the edge; the decider checks them.
 */

export interface ContactInput {
  readonly phone?: string | null;
  readonly email?: string | null;
}

export type RegisterPerson = Command<
  'RegisterPerson',
  {
    readonly staffNumber: string;
    readonly name: string;
    readonly gender: string;
    readonly birthYear: number;
    readonly contact?: ContactInput;
  }
>;

/**
 * Fields left out stay as they are; `contact`, when given, replaces the whole contact record.
 * `effectiveFrom` dates the new name (today in China Standard Time when left out) and goes with
 * `name` only.
 */
export type UpdatePersonProfile = Command<
  'UpdatePersonProfile',
  {
    readonly staffNumber: string;
    readonly name?: string;
    readonly effectiveFrom?: string;
    readonly gender?: string;
    readonly birthYear?: number;
    readonly contact?: ContactInput;
  }
>;

/** The key arrives parsed and validated by the app (`parsePublicKey` of @app/crypto). */
export type RegisterSigningKey = Command<
  'RegisterSigningKey',
  {
    readonly staffNumber: string;
    readonly algorithm: string;
    /** Lowercase hex (Ed25519: 32 bytes; SM2: 04‖x‖y or 02/03‖x) or a PEM SPKI block. */
    readonly publicKey: string;
    /** Lowercase hex of the key's 32-byte digest (SM3 of the raw key). */
    readonly fingerprint: string;
    readonly effectiveFrom: string;
  }
>;

export type RevokeSigningKey = Command<
  'RevokeSigningKey',
  { readonly staffNumber: string; readonly fingerprint: string; readonly effectiveFrom: string; readonly reason: string }
>;

export type DeclareRelation = Command<
  'DeclareRelation',
  {
    readonly staffNumber: string;
    /** UUID generated at the edge. */
    readonly relationId: string;
    readonly kind: string;
    readonly unitCode: string;
    /** Required for kinship, absent for a former post. */
    readonly kinship?: string;
    readonly effectiveFrom: string;
    /** Required for a former post. */
    readonly effectiveTo?: string;
    readonly note?: string;
  }
>;

export type WithdrawRelation = Command<
  'WithdrawRelation',
  { readonly staffNumber: string; readonly relationId: string; readonly effectiveTo: string }
>;

/** Erases the person's gender, birth year, contact and relation notes for good, on a legal basis. */
export type ErasePersonalData = Command<
  'ErasePersonalData',
  { readonly staffNumber: string; readonly legalBasis: string; readonly note: string }
>;

export type PersonCommand =
  RegisterPerson | UpdatePersonProfile | RegisterSigningKey | RevokeSigningKey | DeclareRelation | WithdrawRelation | ErasePersonalData;

export type PersonCommandType = PersonCommand['type'];

export const personStreamId = (staffNumber: string): string => `person-${staffNumber}`;
