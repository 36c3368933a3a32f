import type { EntityManager } from 'typeorm';
import type { Projection, StoredEvent } from '@app/eventstore';
import { personDecider, type PersonState } from '../people/person.decider';
import type { PersonEvent } from '../people/person.events';
import { foldBatch } from '@app/kit';

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
 * People folded by the decider's own evolve: profile with every name and the day it was first
 * borne (`state.names`, read by as-of answers), signing keys and declared relations. The `name`
 * column is the latest name, for search. Version 2 added the dated names. A batch
 * is one `= ANY($1)` read of the people it touches and one `unnest` upsert. The rows hold personal
 * data in clear until the person's PersonalDataErased is folded, which scrubs it; a rebuild reads
 * the erased values as null (their key is gone) and ends the same way.
 */
export const peopleProjection: Projection = {
  name: 'registry-people',
  version: 2,
  handles: PERSON_EVENTS,
  async reset(manager) {
    await manager.query('TRUNCATE reg_people');
  },
  apply(stored: StoredEvent, manager: EntityManager) {
    return this.applyAll!([stored], manager);
  },
  async applyAll(events: readonly StoredEvent[], manager: EntityManager) {
    const staffNumbers = [...new Set(events.map((event) => (event.data as { staffNumber: string }).staffNumber))];
    const stored: { staff_number: string; state: PersonState; version: number }[] = await manager.query(
      'SELECT staff_number, state, version FROM reg_people WHERE staff_number = ANY($1::text[])',
      [staffNumbers],
    );
    const loaded = new Map(stored.map((row) => [row.staff_number, row]));
    const touched = await foldBatch<PersonState, PersonEvent>(events, {
      keyOf: (event) => event.data.staffNumber,
      load: (staffNumber) => Promise.resolve(loaded.get(staffNumber)),
      initialState: personDecider.initialState,
      evolve: personDecider.evolve,
    });
    const rows = [...touched].flatMap(([staffNumber, { state, version }]) =>
      state.status === 'absent' ? [] : [{ staffNumber, name: state.name, version, state }],
    );
    if (rows.length > 0) {
      await manager.query(
        `INSERT INTO reg_people (staff_number, name, version, state)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[])
         ON CONFLICT (staff_number) DO UPDATE SET name = excluded.name, version = excluded.version, state = excluded.state`,
        [rows.map((r) => r.staffNumber), rows.map((r) => r.name), rows.map((r) => r.version), rows.map((r) => JSON.stringify(r.state))],
      );
    }
  },
};
