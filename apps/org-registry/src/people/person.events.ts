import type { DomainEvent } from '@app/domain';

/**
 * Personal data (gender, birth year, contact, relation notes) stays in this stream, encrypted with
 * the person's own data key (person.personal-data.ts), and never leaves the registry in integration
 * events. Erasing it destroys the key. No national ID numbers are recorded anywhere.
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

/**
 * Carries only the fields that changed; `contact` replaces the whole contact record. A new name
 * comes with `nameEffectiveFrom`, the first day the person bears it (up to a later rename); gender,
 * birth year and contact are not effective-dated. Schema version 2: version 1 had no day for the
 * name, and is upcast to the day it was recorded (person.upcasters.ts).
 */
export type PersonProfileUpdated = DomainEvent<
  'PersonProfileUpdated',
  {
    readonly staffNumber: string;
    readonly gender?: Gender;
    readonly birthYear?: number;
    readonly contact?: Contact;
  } & (
    { readonly name: string; readonly nameEffectiveFrom: string } | { readonly name?: undefined; readonly nameEffectiveFrom?: undefined }
  )
>;

/** The schema version PersonProfileUpdated is recorded with. */
export const PERSON_PROFILE_UPDATED_VERSION = 2;

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

/**
 * The grounds on which a person's personal data may be erased: PIPL (个人信息保护法) art. 47 —
 * purpose achieved, impossible or no longer needed; retention period expired; consent withdrawn;
 * processed in breach of law or agreement; other grounds laid down by law.
 */
export const ERASURE_LEGAL_BASES = [
  'pipl_art47_purpose_fulfilled',
  'pipl_art47_retention_expired',
  'pipl_art47_consent_withdrawn',
  'pipl_art47_unlawful_processing',
  'pipl_art47_other_legal_ground',
] as const;
export type ErasureLegalBasis = (typeof ERASURE_LEGAL_BASES)[number];

/**
 * The person's personal data (gender, birth year, contact, relation notes) is erased: their data
 * key is destroyed with this event, so every earlier value is unreadable. Carries no personal data;
 * `note` says why (a case or request reference), never the erased values.
 */
export type PersonalDataErased = DomainEvent<
  'PersonalDataErased',
  { readonly staffNumber: string; readonly legalBasis: ErasureLegalBasis; readonly note: string; readonly erasedOn: string }
>;

export type PersonEvent =
  | PersonRegistered
  | PersonProfileUpdated
  | SigningKeyRegistered
  | SigningKeyRevoked
  | RelationDeclared
  | RelationWithdrawn
  | PersonalDataErased;

export type PersonEventType = PersonEvent['type'];
