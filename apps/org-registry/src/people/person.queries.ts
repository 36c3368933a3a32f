import { covers } from '@app/domain';
import type { PersonName, PersonState, Relation, SigningKey } from './person.decider';

/** As-of reads over a folded person, for the app's time-travel queries. Days are `YYYY-MM-DD`. */

/** The name the person bore on that day: the latest rename in force by then, else the name registered with them. */
export function nameOn(person: { readonly names: readonly PersonName[] }, day: string): string {
  return person.names.findLast((n) => n.from === undefined || n.from <= day)!.name;
}

export function isKeyValidOn(key: SigningKey, day: string): boolean {
  return key.from <= day && (key.revokedFrom === undefined || day < key.revokedFrom);
}

export function signingKeysOn(state: PersonState, day: string): readonly SigningKey[] {
  return state.status === 'absent' ? [] : state.keys.filter((k) => isKeyValidOn(k, day));
}

/** The key with this fingerprint if it was valid on that day. */
export function signingKeyOn(state: PersonState, fingerprint: string, day: string): SigningKey | undefined {
  return signingKeysOn(state, day).find((k) => k.fingerprint === fingerprint);
}

export function relationsOn(state: PersonState, day: string): readonly Relation[] {
  return state.status === 'absent' ? [] : state.relations.filter((r) => covers(r, day));
}

/** Every relation ever declared to the unit, for conflict-of-interest checks that look at the past. */
export function relationsWith(state: PersonState, unitCode: string): readonly Relation[] {
  return state.status === 'absent' ? [] : state.relations.filter((r) => r.unitCode === unitCode);
}
