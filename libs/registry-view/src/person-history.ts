import { covers } from '@app/domain';
import type { RegistryKeyRevocationReason, RegistryRelationKind, RegistrySigningAlgorithm } from '@app/contracts';

/** A person as the view folded them from the registry's events, and the pure as-of reads over it. */

export interface PersonHistory {
  readonly staffNumber: string;
  /** The name the person was registered under: their name on every day before the first dated rename. */
  readonly registeredName: string;
  /** Dated renames, oldest first (one per day: the last rename of a day wins). */
  readonly renames: readonly { readonly from: string; readonly name: string }[];
}

export interface PersonOnDay {
  readonly staffNumber: string;
  readonly name: string;
}

export interface SigningKey {
  readonly staffNumber: string;
  readonly algorithm: RegistrySigningAlgorithm;
  /** As registered: lowercase hex (or PEM SPKI). */
  readonly publicKey: string;
  readonly fingerprint: string;
  /** First day the key is valid. */
  readonly from: string;
  /** First day the key is no longer valid. */
  readonly revokedFrom?: string;
  readonly revocationReason?: RegistryKeyRevocationReason;
}

/** A declared relation (亲属/曾任职) between a person and a unit, for conflict-of-interest (回避) checks. */
export interface Relation {
  readonly relationId: string;
  readonly staffNumber: string;
  readonly kind: RegistryRelationKind;
  readonly unitCode: string;
  readonly from: string;
  /** Last day the relation held; left out while it holds. */
  readonly to?: string;
}

export function personOn(person: PersonHistory, day: string): PersonOnDay {
  const renamed = person.renames.findLast((rename) => rename.from <= day);
  return { staffNumber: person.staffNumber, name: renamed?.name ?? person.registeredName };
}

/** Signatures dated `day` verify against the key: registered by then and not yet revoked. */
export function isKeyValidOn(key: SigningKey, day: string): boolean {
  return key.from <= day && (key.revokedFrom === undefined || day < key.revokedFrom);
}

export function relationHoldsOn(relation: Relation, day: string): boolean {
  return covers(relation, day);
}
