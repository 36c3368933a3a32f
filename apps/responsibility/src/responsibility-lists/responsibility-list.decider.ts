import { chinaDay, DomainError, isOneOf, requireDay, rule, unreachable, type Decider } from '@app/domain';
import { isSubject, templateFor, type DeadlineRule, type Subject } from '../duty-template/duty-template';
import {
  fieldError,
  fieldRule,
  optionalText,
  requiredText,
  requireStaffNumbers,
  requireUnitCode,
  requireYear,
  yearOf,
} from '../duty-template/field-rules';
import { requireUnitEditor, validActor, type ActorRole } from '../duty-template/responsibility-actor';
import type {
  AddResponsibilityListItem,
  AmendResponsibilityListItem,
  ApproveResponsibilityList,
  GenerateResponsibilityList,
  ItemInput,
  RemoveResponsibilityListItem,
  ReopenResponsibilityList,
  ResponsibilityListCommand,
  SubmitResponsibilityListForSignOff,
} from './responsibility-list.commands';
import type { ItemChanges, ListItem, ResponsibilityListEvent } from './responsibility-list.events';

export interface ListRecord {
  readonly unitCode: string;
  readonly year: number;
  readonly createdOn: string;
  readonly revision: number;
  readonly items: readonly ListItem[];
}

/** `drafting`: open to edits; `submitted`: locked, awaiting signatures; `approved`: signed. */
export type ResponsibilityListState =
  | { readonly status: 'absent' }
  | (ListRecord & { readonly status: 'drafting' })
  | (ListRecord & { readonly status: 'submitted' | 'approved'; readonly contentHash: string });

/** Kinds of unit that carry the supervisory responsibility and so get the commission's duties (§6). */
export const SUPERVISING_UNIT_KINDS = ['discipline_commission', 'discipline_inspection_group'] as const;
/** Kinds of unit led by a Party committee or group, which get §3 to §5. */
export const MAIN_RESPONSIBILITY_UNIT_KINDS = [
  'party_committee',
  'party_group',
  'government_department',
  'township',
  'enterprise_institution',
] as const;

/** Who keeps a unit's list: its principal leader and its office. */
export const LIST_EDITORS: readonly ActorRole[] = ['principal_leader', 'unit_staff'];
/** Reopening signed targets is the principal leader's call (§4(1) 审核签署年度责任目标). */
export const LIST_REOPENERS: readonly ActorRole[] = ['principal_leader'];

const MAX_TITLE = 100;
const MAX_TEXT = 2000;
const MAX_EVIDENCE = 500;
const MAX_REASON = 500;
const MAX_WEIGHT = 100;
const ITEM_KEY = /^[a-z0-9_]{1,32}(\.[a-z0-9_]{1,32}){0,3}$/;
const CONTENT_HASH = /^[0-9a-f]{64}$/;

export const responsibilityListDecider: Decider<ResponsibilityListState, ResponsibilityListCommand, ResponsibilityListEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

/** The sum of the list's weights, reported to reviewers; the list does not have to reach any total. */
export function totalWeight(items: readonly Pick<ListItem, 'weight'>[]): number {
  return Math.round(items.reduce((sum, item) => sum + item.weight, 0) * 100) / 100;
}

/** The subjects whose duties a unit's list carries, by the unit's kind. */
export function subjectsForUnitKind(unitKind: string): readonly Subject[] {
  if (isOneOf(SUPERVISING_UNIT_KINDS, unitKind)) return ['commission'];
  if (isOneOf(MAIN_RESPONSIBILITY_UNIT_KINDS, unitKind)) return ['committee', 'principal_leader', 'team_member'];
  throw fieldError('LIST.UNKNOWN_UNIT_KIND', `${String(unitKind)} is not a kind of unit that keeps a responsibility list`, 'unitKind');
}

function decide(command: ResponsibilityListCommand, state: ResponsibilityListState): readonly ResponsibilityListEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'GenerateResponsibilityList':
      return generate(command.data, state, today);
    case 'AddResponsibilityListItem':
      return addItem(command.data, draft(state, command.data));
    case 'AmendResponsibilityListItem':
      return amendItem(command.data, draft(state, command.data));
    case 'RemoveResponsibilityListItem':
      return removeItem(command.data, draft(state, command.data));
    case 'SubmitResponsibilityListForSignOff':
      return submit(command.data, draft(state, command.data));
    case 'ApproveResponsibilityList':
      return approve(command.data, existing(state));
    case 'ReopenResponsibilityList':
      return reopen(command.data, existing(state));
    default:
      return unreachable(command);
  }
}

function generate(
  data: GenerateResponsibilityList['data'],
  state: ResponsibilityListState,
  today: string,
): readonly ResponsibilityListEvent[] {
  requireUnitEditor(validActor(data.actor), LIST_EDITORS, 'LIST.NOT_PERMITTED', 'generate a responsibility list');
  rule(state.status === 'absent', 'LIST.ALREADY_GENERATED', `the list of ${data.unitCode} for ${data.year} exists already`, 'conflict');
  const unitCode = requireUnitCode(data.unitCode, 'unitCode');
  const year = requireYear(data.year, 'year');
  // A list is drawn up during its year or ahead of it; a year already over has no deadlines left to set.
  fieldRule(
    year === yearOf(today) || year === yearOf(today) + 1,
    'LIST.YEAR_OUT_OF_RANGE',
    `on ${today} a list can be generated for ${yearOf(today)} or ${yearOf(today) + 1}, not ${year}`,
    'year',
  );
  const window = { year, createdOn: today };
  const subjects = subjectsForUnitKind(data.unitKind);
  const responsible = new Map(
    subjects.map((subject) => [
      subject,
      requireStaffNumbers(data.responsible?.[subject], `responsible.${subject}`, 'LIST.NO_RESPONSIBLE_PERSON'),
    ]),
  );
  const deadlines = new Map<DeadlineRule, string>();
  const deadlineOf = (name: DeadlineRule): string => {
    const field = `deadlines.${name}`;
    const day = data.deadlines?.[name];
    fieldRule(day !== undefined, 'LIST.DEADLINE_RULE_UNRESOLVED', `the day of deadline rule ${name} is missing`, field);
    if (!deadlines.has(name)) deadlines.set(name, requireDeadline(day, field, window));
    return deadlines.get(name)!;
  };
  const items = templateFor(subjects).map((entry): ListItem => ({
    key: entry.key,
    subject: entry.subject,
    title: entry.title,
    text: entry.text,
    responsible: responsible.get(entry.subject)!,
    deadline: deadlineOf(entry.deadlineRule),
    requiredEvidence: entry.requiredEvidence,
    weight: entry.weight,
  }));
  return [{ type: 'ResponsibilityListGenerated', data: { unitCode, year, createdOn: today, items } }];
}

function addItem(data: AddResponsibilityListItem['data'], list: ListRecord): readonly ResponsibilityListEvent[] {
  const input: Partial<ItemInput> = data.item ?? {};
  fieldRule(
    typeof input.key === 'string' && ITEM_KEY.test(input.key),
    'LIST.INVALID_KEY',
    `${String(input.key)} is not an item key`,
    'item.key',
  );
  rule(!list.items.some((item) => item.key === input.key), 'LIST.DUPLICATE_KEY', `the list has an item ${input.key} already`, 'conflict');
  const text = optionalText(input.text, 'item.text', MAX_TEXT);
  const item: ListItem = {
    key: input.key,
    subject: requireSubject(input.subject, 'item.subject'),
    title: requiredText(input.title, 'item.title', MAX_TITLE, 'LIST.INVALID_TITLE'),
    ...(text === undefined ? {} : { text }),
    responsible: requireStaffNumbers(input.responsible, 'item.responsible', 'LIST.NO_RESPONSIBLE_PERSON'),
    deadline: requireDeadline(input.deadline, 'item.deadline', list),
    requiredEvidence: requiredText(input.requiredEvidence, 'item.requiredEvidence', MAX_EVIDENCE, 'LIST.INVALID_REQUIRED_EVIDENCE'),
    weight: requireWeight(input.weight, 'item.weight'),
  };
  return [{ type: 'ResponsibilityListItemAdded', data: { item } }];
}

function amendItem(data: AmendResponsibilityListItem['data'], list: ListRecord): readonly ResponsibilityListEvent[] {
  const item = findItem(list, data.key);
  const input = data.changes ?? {};
  const proposed: ItemChanges = {
    ...(input.subject === undefined ? {} : { subject: requireSubject(input.subject, 'changes.subject') }),
    ...(input.title === undefined ? {} : { title: requiredText(input.title, 'changes.title', MAX_TITLE, 'LIST.INVALID_TITLE') }),
    ...(input.responsible === undefined
      ? {}
      : { responsible: requireStaffNumbers(input.responsible, 'changes.responsible', 'LIST.NO_RESPONSIBLE_PERSON') }),
    ...(input.deadline === undefined ? {} : { deadline: requireDeadline(input.deadline, 'changes.deadline', list) }),
    ...(input.requiredEvidence === undefined
      ? {}
      : {
          requiredEvidence: requiredText(
            input.requiredEvidence,
            'changes.requiredEvidence',
            MAX_EVIDENCE,
            'LIST.INVALID_REQUIRED_EVIDENCE',
          ),
        }),
    ...(input.weight === undefined ? {} : { weight: requireWeight(input.weight, 'changes.weight') }),
  };
  const changes = Object.fromEntries(
    Object.entries(proposed).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(item[field as keyof ItemChanges])),
  ) as ItemChanges;
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'ResponsibilityListItemAmended', data: { key: item.key, changes } }];
}

function removeItem(data: RemoveResponsibilityListItem['data'], list: ListRecord): readonly ResponsibilityListEvent[] {
  const item = findItem(list, data.key);
  const reason = optionalText(data.reason, 'reason', MAX_REASON);
  return [{ type: 'ResponsibilityListItemRemoved', data: { key: item.key, ...(reason === undefined ? {} : { reason }) } }];
}

function submit(data: SubmitResponsibilityListForSignOff['data'], list: ListRecord): readonly ResponsibilityListEvent[] {
  const contentHash = requireContentHash(data.contentHash);
  rule(list.items.length > 0, 'LIST.EMPTY', 'an empty list cannot be signed off', 'conflict');
  return [
    {
      type: 'ResponsibilityListSubmittedForSignOff',
      data: { revision: list.revision, contentHash, itemCount: list.items.length, totalWeight: totalWeight(list.items) },
    },
  ];
}

function approve(data: ApproveResponsibilityList['data'], state: ExistingList): readonly ResponsibilityListEvent[] {
  const contentHash = requireContentHash(data.contentHash);
  if (state.status === 'approved' && state.contentHash === contentHash) return [];
  rule(state.status === 'submitted', 'LIST.NOT_SUBMITTED', `revision ${state.revision} is not awaiting sign-off`, 'conflict');
  rule(
    contentHash === state.contentHash,
    'LIST.CONTENT_HASH_MISMATCH',
    `the signed content ${contentHash} is not the submitted revision ${state.revision} (${state.contentHash})`,
    'conflict',
  );
  return [
    { type: 'ResponsibilityListApproved', data: { unitCode: state.unitCode, year: state.year, revision: state.revision, contentHash } },
  ];
}

function reopen(data: ReopenResponsibilityList['data'], state: ExistingList): readonly ResponsibilityListEvent[] {
  requireUnitEditor(validActor(data.actor), LIST_REOPENERS, 'LIST.NOT_PERMITTED', 'reopen a submitted or signed list');
  rule(state.status !== 'drafting', 'LIST.NOT_LOCKED', `revision ${state.revision} is open to edits already`, 'conflict');
  const reason = requiredText(data.reason, 'reason', MAX_REASON, 'LIST.REASON_REQUIRED');
  return [{ type: 'ResponsibilityListReopened', data: { revision: state.revision + 1, reason } }];
}

function evolve(state: ResponsibilityListState, event: ResponsibilityListEvent): ResponsibilityListState {
  if (event.type === 'ResponsibilityListGenerated') {
    const { unitCode, year, createdOn, items } = event.data;
    return { status: 'drafting', unitCode, year, createdOn, revision: 1, items };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'ResponsibilityListItemAdded':
      return { ...state, items: [...state.items, event.data.item] };
    case 'ResponsibilityListItemAmended':
      return {
        ...state,
        items: state.items.map((item) => (item.key === event.data.key ? { ...item, ...event.data.changes } : item)),
      };
    case 'ResponsibilityListItemRemoved':
      return { ...state, items: state.items.filter((item) => item.key !== event.data.key) };
    case 'ResponsibilityListSubmittedForSignOff':
      return { ...state, status: 'submitted', contentHash: event.data.contentHash };
    case 'ResponsibilityListApproved':
      return { ...state, status: 'approved', contentHash: event.data.contentHash };
    case 'ResponsibilityListReopened': {
      const { unitCode, year, createdOn, items } = state;
      return { status: 'drafting', unitCode, year, createdOn, items, revision: event.data.revision };
    }
    default:
      return unreachable(event);
  }
}

type ExistingList = Exclude<ResponsibilityListState, { status: 'absent' }>;

function existing(state: ResponsibilityListState): ExistingList {
  rule(state.status !== 'absent', 'LIST.NOT_FOUND', 'no responsibility list has been generated for this unit and year', 'not_found');
  return state;
}

/** The list as an editor may change it: by the unit's list keepers, while no revision awaits or bears signatures. */
function draft(state: ResponsibilityListState, data: { readonly actor: unknown }): ListRecord {
  requireUnitEditor(validActor(data.actor), LIST_EDITORS, 'LIST.NOT_PERMITTED', 'edit the responsibility list');
  const list = existing(state);
  if (list.status !== 'drafting') {
    throw new DomainError(
      'LIST.LOCKED',
      `revision ${list.revision} is ${list.status === 'submitted' ? 'awaiting sign-off' : 'signed'}; reopen it as a new revision to edit`,
      'conflict',
    );
  }
  return list;
}

function findItem(list: ListRecord, key: unknown): ListItem {
  const item = list.items.find((candidate) => candidate.key === key);
  if (!item) throw new DomainError('LIST.ITEM_NOT_FOUND', `the list has no item ${String(key)}`, 'not_found', { field: 'key' });
  return item;
}

function requireSubject(value: unknown, field: string): Subject {
  fieldRule(isSubject(value), 'LIST.INVALID_SUBJECT', `${String(value)} is not a responsible subject`, field);
  return value;
}

/** A deadline falls within the list's year and not before the day the list was created. */
function requireDeadline(value: unknown, field: string, list: Pick<ListRecord, 'year' | 'createdOn'>): string {
  requireDay(value, field);
  fieldRule(yearOf(value) === list.year, 'LIST.DEADLINE_OUT_OF_YEAR', `${field} ${value} is not in ${list.year}`, field);
  fieldRule(
    value >= list.createdOn,
    'LIST.DEADLINE_BEFORE_CREATION',
    `${field} ${value} is before the list was created, on ${list.createdOn}`,
    field,
  );
  return value;
}

function requireWeight(value: unknown, field: string): number {
  fieldRule(
    typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_WEIGHT,
    'LIST.INVALID_WEIGHT',
    `${field} is a positive number up to ${MAX_WEIGHT}`,
    field,
  );
  return value;
}

function requireContentHash(value: unknown): string {
  fieldRule(
    typeof value === 'string' && CONTENT_HASH.test(value),
    'LIST.INVALID_CONTENT_HASH',
    'contentHash is a 64-digit lowercase hex digest',
    'contentHash',
  );
  return value;
}
