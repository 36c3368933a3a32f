import type { EntityManager } from 'typeorm';
import type { Projection, StoredEvent } from '@app/eventstore';
import { personDecider, type PersonState } from '../people/person.decider';
import type { PersonEvent } from '../people/person.events';
import { foldBatch } from '@app/kit';
import { PersonRow } from './read-model.entities';

const PERSON_EVENTS: readonly PersonEvent['type'][] = [
  'PersonRegistered',
  'PersonProfileUpdated',
  'SigningKeyRegistered',
  'SigningKeyRevoked',
  'RelationDeclared',
  'RelationWithdrawn',
  'PersonalDataErased',
];

/**
 * People folded by the decider's own evolve: profile, signing keys and declared relations. The
 * rows hold personal data in clear until the person's PersonalDataErased is folded, which scrubs
 * it; a rebuild reads the erased values as null (their key is gone) and ends the same way.
 */
export const peopleProjection: Projection = {
  name: 'registry-people',
  version: 1,
  handles: PERSON_EVENTS,
  async reset(manager) {
    await manager.query('TRUNCATE reg_people');
  },
  apply(stored: StoredEvent, manager: EntityManager) {
    return this.applyAll!([stored], manager);
  },
  async applyAll(events: readonly StoredEvent[], manager: EntityManager) {
    const touched = await foldBatch<PersonState, PersonEvent>(events, {
      keyOf: (event) => event.data.staffNumber,
      load: (staffNumber) => manager.findOne(PersonRow, { where: { staffNumber }, select: { state: true, version: true } }),
      initialState: personDecider.initialState,
      evolve: personDecider.evolve,
    });
    const rows = [...touched].flatMap(([staffNumber, { state, version }]) =>
      state.status === 'absent' ? [] : [{ staffNumber, name: state.name, version, state }],
    );
    if (rows.length > 0) await manager.upsert(PersonRow, rows, ['staffNumber']);
  },
};
