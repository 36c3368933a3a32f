import type { MigrationInterface, QueryRunner } from 'typeorm';
import { streamStateProjection, streamStateTableSql, type StreamStateReadModel } from '@app/kit';
import { pendingDeadlines, petitionDecider, type PendingDeadline, type PetitionState } from './petition.decider';
import type { PetitionEvent, ProtectedReadCapacity, ProtectedReadDenial } from './petition.events';

/** One attempt to read the protected fields, granted or refused. */
export interface ProtectedAccess {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  readonly granted: boolean;
  readonly as?: ProtectedReadCapacity;
  readonly ground?: ProtectedReadDenial;
}

export interface PetitionScreening {
  readonly outcome: 'accepted' | 'forwarded' | 'transferred' | 'not_accepted' | 'repeat';
  readonly on: string;
  readonly by: string;
  readonly to?: string;
  readonly reason?: string;
  readonly repeatOf?: string;
}

/**
 * A petition as it is read: the decider's state — which never holds the sealed values — with its
 * screening and every attempt to read the protected fields. A forwarded petition is its stub.
 */
export type PetitionReadState =
  | { readonly status: 'absent' }
  | (Exclude<PetitionState, { status: 'absent' }> & {
      readonly screening?: PetitionScreening;
      readonly accessLog: readonly ProtectedAccess[];
    });

function screeningOf(event: PetitionEvent): PetitionScreening | undefined {
  switch (event.type) {
    case 'PetitionAccepted':
      return { outcome: 'accepted', on: event.data.on, by: event.data.by };
    case 'PetitionForwarded':
      return { outcome: 'forwarded', on: event.data.on, by: event.data.by, to: event.data.to };
    case 'PetitionTransferred':
      return { outcome: 'transferred', on: event.data.on, by: event.data.by, to: event.data.to };
    case 'PetitionNotAccepted':
      return { outcome: 'not_accepted', on: event.data.on, by: event.data.by, reason: event.data.reason };
    case 'PetitionMarkedRepeat':
      return { outcome: 'repeat', on: event.data.on, by: event.data.by, repeatOf: event.data.repeatOf };
    default:
      return undefined;
  }
}

function evolve(state: PetitionReadState, event: PetitionEvent): PetitionReadState {
  const next = petitionDecider.evolve(state, event);
  if (next.status === 'absent') return next;
  const kept: { accessLog: readonly ProtectedAccess[]; screening?: PetitionScreening } =
    state.status === 'absent' ? { accessLog: [] } : state;
  const access: ProtectedAccess | undefined =
    event.type === 'PetitionProtectedFieldsRead'
      ? { by: event.data.by, at: event.data.at, reason: event.data.reason, granted: true, as: event.data.as }
      : event.type === 'PetitionProtectedReadDenied'
        ? { by: event.data.by, at: event.data.at, reason: event.data.reason, granted: false, ground: event.data.ground }
        : undefined;
  const screening = screeningOf(event) ?? kept.screening;
  return { ...next, accessLog: access ? [...kept.accessLog, access] : kept.accessLog, ...(screening ? { screening } : {}) };
}

const of =
  <T>(pick: (petition: Exclude<PetitionReadState, { status: 'absent' }>) => T) =>
  (state: PetitionReadState): T | null =>
    state.status === 'absent' ? null : pick(state);

/** Every petition, with its receiving commission, status and day of receipt to filter on. */
export const PETITIONS_READ_MODEL: StreamStateReadModel<PetitionReadState, PetitionEvent> = {
  name: 'case_petitions',
  version: 1,
  table: 'case_petitions',
  handles: [
    'PetitionRegistered',
    'PetitionOfficersAssigned',
    'PetitionProtectedFieldsRead',
    'PetitionProtectedReadDenied',
    'PetitionAccepted',
    'PetitionForwarded',
    'PetitionTransferred',
    'PetitionNotAccepted',
    'PetitionMarkedRepeat',
    'PetitionReporterNotified',
    'PetitionConcluded',
    'PetitionDeadlineMissed',
  ],
  initialState: () => ({ status: 'absent' }),
  evolve,
  columns: {
    petition_id: { type: 'text', of: of((petition) => petition.petitionId) },
    receiving_commission: { type: 'text', of: of((petition) => petition.receivingCommission) },
    status: { type: 'text', of: (state) => state.status },
    received_on: { type: 'date', of: of((petition) => petition.receivedOn) },
    registered_on: { type: 'date', of: of((petition) => petition.registeredOn) },
    next_deadline_on: { type: 'date', of: (state) => nextDeadline(state)?.dueOn ?? null },
    overdue: { type: 'boolean', of: (state) => pendingDeadlines(state).some((deadline) => deadline.missed) },
  },
};

/** The earliest pending deadline not yet recorded as missed: the scheduler looks at petitions whose day has passed. */
function nextDeadline(state: PetitionReadState): PendingDeadline | undefined {
  return pendingDeadlines(state)
    .filter((deadline) => !deadline.missed)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
}

export const PETITIONS_PROJECTION = streamStateProjection(PETITIONS_READ_MODEL);

export class Petitions1765000000100 implements MigrationInterface {
  name = 'Petitions1765000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(streamStateTableSql(PETITIONS_READ_MODEL as never));
    await runner.query('CREATE UNIQUE INDEX case_petitions_petition_id ON case_petitions (petition_id)');
    await runner.query('CREATE INDEX case_petitions_commission ON case_petitions (receiving_commission, received_on)');
    await runner.query('CREATE INDEX case_petitions_next_deadline ON case_petitions (next_deadline_on) WHERE next_deadline_on IS NOT NULL');
    await runner.query('CREATE INDEX case_petitions_registered ON case_petitions (receiving_commission, registered_on)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE case_petitions');
  }
}
