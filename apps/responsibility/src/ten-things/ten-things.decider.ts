import { chinaDay, DomainError, requireDay, rule, unreachable, type Decider } from '@app/domain';
import { tenThingOf } from '../duty-template/duty-template';
import { validAttachments } from '../duty-template/evidence-attachments';
import {
  fieldError,
  fieldRule,
  requiredText,
  requireStaffNumbers,
  requireUnitCode,
  requireUuid,
  requireYear,
  yearOf,
} from '../duty-template/field-rules';
import { requireUnitEditor, validActor, type ActorRole } from '../duty-template/responsibility-actor';
import type { CorrectLedgerEntry, LedgerEntryInput, OpenTenThingsProject, TenThingsCommand } from './ten-things.commands';
import type { LedgerEntry, TenThingsEvent } from './ten-things.events';

/**
 * Progress is cumulative and monotone: read down the ledger, each line's percentage is at least
 * the one before. A figure that has to go down means an earlier line overstated it; that line is
 * corrected (superseded) so the ledger itself shows what was claimed and what replaced it.
 */
export type ProjectStatus = 'open' | 'in_progress' | 'completed';

export interface ProjectRecord {
  readonly unitCode: string;
  readonly year: number;
  readonly number: number;
  readonly title: string;
  readonly openedOn: string;
  /** The ledger as it reads now: corrections stand in the place of the lines they supersede. */
  readonly ledger: readonly LedgerEntry[];
  /** Every entry id ever used, superseded ones included. */
  readonly entryIds: readonly string[];
  readonly completedOn?: string;
}

export type TenThingsState = { readonly status: 'absent' } | (ProjectRecord & { readonly status: ProjectStatus });
type ExistingProject = Exclude<TenThingsState, { status: 'absent' }>;

/** Who keeps the ledger: the principal leader whose ten things they are, and the office. */
export const LEDGER_KEEPERS: readonly ActorRole[] = ['principal_leader', 'unit_staff'];
/** Declaring an item done is the principal leader's (the first responsible person, §4). */
export const PROJECT_COMPLETERS: readonly ActorRole[] = ['principal_leader'];

const MAX_TEXT = 2000;
const MAX_REASON = 500;

export const tenThingsDecider: Decider<TenThingsState, TenThingsCommand, TenThingsEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

/** The project's progress: the last line of the ledger, 0 before any. */
export function progressOf(project: Pick<ProjectRecord, 'ledger'>): number {
  return project.ledger.at(-1)?.progress ?? 0;
}

function decide(command: TenThingsCommand, state: TenThingsState): readonly TenThingsEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'OpenTenThingsProject':
      return open(command.data, state, today);
    case 'RecordLedgerEntry': {
      const project = runningProject(state, command.data.actor, LEDGER_KEEPERS, 'keep the ledger');
      const entry = ledgerEntry(command.data, project, today, command.data.actor.staffNumber);
      requireMonotoneProgress([...project.ledger, entry]);
      return [{ type: 'TenThingsLedgerEntryRecorded', data: entry }];
    }
    case 'CorrectLedgerEntry':
      return correct(command.data, runningProject(state, command.data.actor, LEDGER_KEEPERS, 'keep the ledger'), today);
    case 'CompleteTenThingsProject': {
      const project = runningProject(state, command.data.actor, PROJECT_COMPLETERS, 'complete a ten-things item');
      rule(
        progressOf(project) === 100,
        'TEN_THINGS.NOT_FINISHED',
        `item ${project.number} stands at ${progressOf(project)}%; it is completed at 100%`,
        'conflict',
      );
      return [{ type: 'TenThingsProjectCompleted', data: { completedOn: today } }];
    }
    default:
      return unreachable(command);
  }
}

function open(data: OpenTenThingsProject['data'], state: TenThingsState, today: string): readonly TenThingsEvent[] {
  requireUnitEditor(validActor(data.actor), LEDGER_KEEPERS, 'TEN_THINGS.NOT_PERMITTED', 'open a ten-things item');
  rule(state.status === 'absent', 'TEN_THINGS.ALREADY_OPENED', `item ${data.number} of ${data.year} is open already`, 'conflict');
  const thing = tenThingOf(data.number);
  fieldRule(thing, 'TEN_THINGS.INVALID_NUMBER', `${String(data.number)} is not one of the ten things (1 to 10)`, 'number');
  const year = requireYear(data.year, 'year');
  fieldRule(
    year === yearOf(today) || year === yearOf(today) + 1,
    'TEN_THINGS.YEAR_OUT_OF_RANGE',
    `on ${today} items are opened for ${yearOf(today)} or ${yearOf(today) + 1}, not ${year}`,
    'year',
  );
  return [
    {
      type: 'TenThingsProjectOpened',
      data: { unitCode: requireUnitCode(data.unitCode, 'unitCode'), year, number: thing.number, title: thing.title, openedOn: today },
    },
  ];
}

function correct(data: CorrectLedgerEntry['data'], project: ExistingProject, today: string): readonly TenThingsEvent[] {
  const supersedes = requireUuid(data.supersedes, 'supersedes');
  const position = project.ledger.findIndex((line) => line.entryId === supersedes);
  if (position === -1) {
    if (project.entryIds.includes(supersedes)) {
      throw new DomainError(
        'TEN_THINGS.ENTRY_SUPERSEDED',
        `entry ${supersedes} was corrected already; correct the line that replaced it`,
        'conflict',
      );
    }
    throw new DomainError('TEN_THINGS.ENTRY_NOT_FOUND', `the ledger has no entry ${supersedes}`, 'not_found', { field: 'supersedes' });
  }
  const entry = ledgerEntry(data, project, today, data.actor.staffNumber);
  const reason = requiredText(data.reason, 'reason', MAX_REASON, 'TEN_THINGS.REASON_REQUIRED');
  requireMonotoneProgress(project.ledger.map((line, index) => (index === position ? entry : line)));
  return [{ type: 'TenThingsLedgerEntryCorrected', data: { ...entry, supersedes, reason } }];
}

function ledgerEntry(data: LedgerEntryInput, project: ProjectRecord, today: string, recordedBy: string): LedgerEntry {
  const entryId = requireUuid(data.entryId, 'entryId');
  rule(!project.entryIds.includes(entryId), 'TEN_THINGS.DUPLICATE_ENTRY', `entry ${entryId} is in the ledger already`, 'conflict');
  requireDay(data.day, 'day');
  fieldRule(yearOf(data.day) === project.year, 'TEN_THINGS.ENTRY_OUT_OF_YEAR', `${data.day} is not in ${project.year}`, 'day');
  fieldRule(data.day <= today, 'TEN_THINGS.ENTRY_IN_FUTURE', `an entry cannot be dated ${data.day}, after today (${today})`, 'day');
  fieldRule(
    Number.isInteger(data.progress) && data.progress >= 0 && data.progress <= 100,
    'TEN_THINGS.INVALID_PROGRESS',
    'progress is a whole percentage from 0 to 100',
    'progress',
  );
  return {
    entryId,
    day: data.day,
    text: requiredText(data.text, 'text', MAX_TEXT, 'TEN_THINGS.TEXT_REQUIRED'),
    doneBy: requireStaffNumbers(data.doneBy, 'doneBy', 'TEN_THINGS.DONE_BY_REQUIRED'),
    recordedBy,
    attachments: validAttachments(data.attachments),
    progress: data.progress,
  };
}

function requireMonotoneProgress(ledger: readonly LedgerEntry[]): void {
  ledger.forEach((line, index) => {
    const before = index > 0 ? ledger[index - 1].progress : 0;
    if (line.progress < before) {
      throw fieldError(
        'TEN_THINGS.PROGRESS_DECREASED',
        `progress ${line.progress}% would follow ${before}% in the ledger; correct the line that overstated it instead`,
        'progress',
      );
    }
  });
}

function evolve(state: TenThingsState, event: TenThingsEvent): TenThingsState {
  if (event.type === 'TenThingsProjectOpened') return { ...event.data, status: 'open', ledger: [], entryIds: [] };
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'TenThingsLedgerEntryRecorded':
      return { ...state, status: 'in_progress', ledger: [...state.ledger, event.data], entryIds: [...state.entryIds, event.data.entryId] };
    case 'TenThingsLedgerEntryCorrected': {
      const { supersedes, reason: _reason, ...entry } = event.data;
      return {
        ...state,
        ledger: state.ledger.map((line) => (line.entryId === supersedes ? entry : line)),
        entryIds: [...state.entryIds, entry.entryId],
      };
    }
    case 'TenThingsProjectCompleted':
      return { ...state, status: 'completed', completedOn: event.data.completedOn };
    default:
      return unreachable(event);
  }
}

function runningProject(state: TenThingsState, actor: unknown, roles: readonly ActorRole[], what: string): ExistingProject {
  requireUnitEditor(validActor(actor), roles, 'TEN_THINGS.NOT_PERMITTED', what);
  rule(state.status !== 'absent', 'TEN_THINGS.NOT_FOUND', 'this ten-things item has not been opened', 'not_found');
  rule(state.status !== 'completed', 'TEN_THINGS.COMPLETED', `item ${state.number} was completed on ${state.completedOn}`, 'conflict');
  return state;
}
