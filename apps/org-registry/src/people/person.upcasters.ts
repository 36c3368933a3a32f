import { chinaDay } from '@app/domain';
import { Upcasters, type UpcastContext } from '@app/eventstore';
import type { PersonProfileUpdated } from './person.events';

/** PersonProfileUpdated version 1: a new name carried no day. */
export type PersonProfileUpdatedV1 = Omit<PersonProfileUpdated['data'], 'nameEffectiveFrom'>;

/**
 * Version 1 → 2: a rename recorded without a day took effect when it was recorded, so it is dated
 * by the day of `recordedAt` in China Standard Time. An update without a name is unchanged.
 */
export function datePersonRename(data: PersonProfileUpdatedV1, event: UpcastContext): PersonProfileUpdated['data'] {
  if (data.name === undefined) return data as PersonProfileUpdated['data'];
  return { ...data, name: data.name, nameEffectiveFrom: chinaDay(event.recordedAt) };
}

/** The person stream's stored shapes, lifted on read to the ones the decider folds. */
export const PERSON_UPCASTERS = new Upcasters().register('PersonProfileUpdated', 1, datePersonRename);
