import type { DomainEvent } from '@app/domain';

/**
 * Personal data (gender, birth year, contact) stays in this stream and never leaves the registry
 * in integration events. No national ID numbers are recorded anywhere.
 * `effectiveFrom` is the first day a fact holds; `effectiveTo` the last day it held (inclusive).
 */

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export interface Contact {
  readonly phone?: string;
  readonly email?: string;
}

export const SIGNING_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export const KEY_REVOCATION_REASONS = ['compromised', 'superseded', 'holder_left', 'other'] as const;
export type KeyRevocationReason = (typeof KEY_REVOCATION_REASONS)[number];

/** 亲属: a relative works in the unit; 曾任职: the person formerly held a post there. */
export const RELATION_KINDS = ['kinship', 'former_post'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const KINSHIP_DEGREES = ['spouse', 'parent', 'child', 'sibling', 'in_law', 'other_close_relative'] as const;
export type KinshipDegree = (typeof KINSHIP_DEGREES)[number];

export type PersonRegistered = DomainEvent<
  'PersonRegistered',
  { readonly staffNumber: string; readonly name: string; readonly gender: Gender; readonly birthYear: number; readonly contact: Contact }
>;

/** Carries only the fields that changed; `contact` replaces the whole contact record. */
export type PersonProfileUpdated = DomainEvent<
  'PersonProfileUpdated',
  {
    readonly staffNumber: string;
    readonly name?: string;
    readonly gender?: Gender;
    readonly birthYear?: number;
    readonly contact?: Contact;
  }
>;

export type SigningKeyRegistered = DomainEvent<
  'SigningKeyRegistered',
  {
    readonly staffNumber: string;
    readonly algorithm: SigningAlgorithm;
    readonly publicKey: string;
    readonly fingerprint: string;
    readonly effectiveFrom: string;
  }
>;

/** From `effectiveFrom` on, signatures by this key are not valid. */
export type SigningKeyRevoked = DomainEvent<
  'SigningKeyRevoked',
  { readonly staffNumber: string; readonly fingerprint: string; readonly effectiveFrom: string; readonly reason: KeyRevocationReason }
>;

export type RelationDeclared = DomainEvent<
  'RelationDeclared',
  {
    readonly staffNumber: string;
    readonly relationId: string;
    readonly kind: RelationKind;
    readonly unitCode: string;
    /** Present for kinship only. */
    readonly kinship?: KinshipDegree;
    readonly effectiveFrom: string;
    readonly effectiveTo?: string;
    readonly note?: string;
  }
>;

/** The declared relation no longer holds after `effectiveTo`. */
export type RelationWithdrawn = DomainEvent<
  'RelationWithdrawn',
  { readonly staffNumber: string; readonly relationId: string; readonly effectiveTo: string }
>;

export type PersonEvent =
  PersonRegistered | PersonProfileUpdated | SigningKeyRegistered | SigningKeyRevoked | RelationDeclared | RelationWithdrawn;

export type PersonEventType = PersonEvent['type'];
