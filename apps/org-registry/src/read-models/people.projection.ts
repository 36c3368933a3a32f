import type { EntityManager } from 'typeorm';
import type { Projection, SealedEvent } from '@app/eventstore';
import { personDecider, type PersonState } from '../people/person.decider';
import type { PersonEvent } from '../people/person.events';
import { PersonRow } from './read-model.entities';

const PERSON_EVENTS: readonly PersonEvent['type'][] = [
  'PersonRegistered',
  'PersonProfileUpdated',
  'SigningKeyRegistered',
  'SigningKeyRevoked',
  'RelationDeclared',
  'RelationWithdrawn',
];

/** People folded by the decider's own evolve: profile, signing keys and declared relations. */
export const peopleProjection: Projection = {
  name: 'registry-people',
  version: 1,
  handles: PERSON_EVENTS,
  async reset(manager) {
    await manager.query('TRUNCATE reg_people');
  },
  async apply(stored: SealedEvent, manager: EntityManager) {
    const event = stored as unknown as PersonEvent & SealedEvent;
    const staffNumber = event.data.staffNumber;
    const row = await manager.findOneBy(PersonRow, { staffNumber });
    const state = personDecider.evolve((row?.state as PersonState | undefined) ?? personDecider.initialState(), event);
    if (state.status === 'absent') return;
    await manager.save(PersonRow, { staffNumber, name: state.name, version: stored.version, state });
  },
};
