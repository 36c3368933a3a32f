import type { PetitionChannel } from '@app/contracts';
import type { DomainEvent } from '@app/domain';
import type { SealedField } from './petition-keyring';

/**
 * Internal events of a petition (stream `petition-<id>`). The reporter's name and contact and the
 * content are sealed (SM4, key id with each) before the event exists: the log, its hashes, the
 * read models and the outbox never hold them in clear. Staff numbers identify officers.
 */

/** A petition (信访举报) received by a commission's petition office. */
export type PetitionRegistered = DomainEvent<
  'PetitionRegistered',
  {
    readonly petitionId: string;
    /** The commission's own reference, e.g. `XF-2026-1A2B3C4D`. */
    readonly number: string;
    readonly receivingCommission: string;
    readonly channel: PetitionChannel;
    readonly named: boolean;
    /** Named petitions only. */
    readonly reporter?: { readonly name: SealedField; readonly contact: SealedField };
    readonly content: SealedField;
    /** Staff numbers of the persons reported on. */
    readonly reportedPersons: readonly string[];
    readonly reportedUnits: readonly string[];
    readonly receivedOn: string;
    readonly registeredOn: string;
    readonly registeredBy: string;
    /** It reports on the receiving commission's own secretary (as of `receivedOn`): it goes to the higher commission. */
    readonly concernsOwnLeader: boolean;
    /** Named petitions: the reporter is told of acceptance by this day (rule `reporter.acceptance_notice`). */
    readonly acceptanceNoticeDueOn?: string;
    /** About the commission's own secretary: forwarded to the higher commission by this day (rule `petition.forward_to_higher`). */
    readonly forwardDueOn?: string;
  }
>;

/** The petition office assigned officers to handle the petition; they may read its protected fields. */
export type PetitionOfficersAssigned = DomainEvent<
  'PetitionOfficersAssigned',
  { readonly officers: readonly string[]; readonly on: string; readonly by: string }
>;

export const PROTECTED_READ_CAPACITIES = ['assigned_officer', 'approving_secretary'] as const;
export type ProtectedReadCapacity = (typeof PROTECTED_READ_CAPACITIES)[number];

/** Someone read the reporter and the content: who, when (instant), why, and in what capacity. */
export type PetitionProtectedFieldsRead = DomainEvent<
  'PetitionProtectedFieldsRead',
  { readonly by: string; readonly at: string; readonly reason: string; readonly as: ProtectedReadCapacity }
>;

export const PROTECTED_READ_DENIALS = ['not_assigned', 'named_in_petition', 'forwarded'] as const;
export type ProtectedReadDenial = (typeof PROTECTED_READ_DENIALS)[number];

/** Someone asked to read the reporter and the content and was refused: recorded, then answered 403/409. */
export type PetitionProtectedReadDenied = DomainEvent<
  'PetitionProtectedReadDenied',
  { readonly by: string; readonly at: string; readonly reason: string; readonly ground: ProtectedReadDenial }
>;

/** Screening events carry their petition and commission: the integration event announces them. */
interface Screening {
  readonly petitionId: string;
  readonly receivingCommission: string;
  readonly on: string;
  readonly by: string;
}

/** Within this commission's remit (受理). */
export type PetitionAccepted = DomainEvent<'PetitionAccepted', Screening>;

/**
 * It belongs to the higher commission: forwarded, due by `dueOn` (rule `petition.forward_to_higher`,
 * counted from receipt). From here on only a stub is kept: number, days, where it went.
 */
export type PetitionForwarded = DomainEvent<'PetitionForwarded', Screening & { readonly to: string; readonly dueOn: string }>;

/** It belongs to a lower commission (转办). */
export type PetitionTransferred = DomainEvent<'PetitionTransferred', Screening & { readonly to: string }>;

/** Not accepted (不予受理), with the reason. */
export type PetitionNotAccepted = DomainEvent<'PetitionNotAccepted', Screening & { readonly reason: string }>;

/** A repeat (重复件) of an earlier petition. */
export type PetitionMarkedRepeat = DomainEvent<'PetitionMarkedRepeat', Screening & { readonly repeatOf: string }>;

export type PetitionScreeningEvent =
  PetitionAccepted | PetitionForwarded | PetitionTransferred | PetitionNotAccepted | PetitionMarkedRepeat;

export const REPORTER_NOTICES = ['acceptance', 'result'] as const;
export type ReporterNotice = (typeof REPORTER_NOTICES)[number];

/** A named reporter was told of acceptance (受理情况) or of the result (处理结果); `late` when after its due day. */
export type PetitionReporterNotified = DomainEvent<
  'PetitionReporterNotified',
  {
    readonly petitionId: string;
    readonly receivingCommission: string;
    readonly notice: ReporterNotice;
    readonly sentOn: string;
    readonly dueOn: string;
    readonly late: boolean;
    readonly by: string;
  }
>;

export const PETITION_RESULTS = ['substantiated', 'partly_substantiated', 'unsubstantiated', 'referred_as_clue'] as const;
export type PetitionResult = (typeof PETITION_RESULTS)[number];

/**
 * An accepted petition was dealt with (办结): substantiated (属实), partly (部分属实), not (不属实), or
 * referred as a clue (转为问题线索). A named reporter is told of the result by `resultNoticeDueOn`
 * (rule `reporter.result_notice`, counted from this day).
 */
export type PetitionConcluded = DomainEvent<
  'PetitionConcluded',
  {
    readonly petitionId: string;
    readonly receivingCommission: string;
    readonly result: PetitionResult;
    readonly on: string;
    readonly by: string;
    readonly resultNoticeDueOn?: string;
  }
>;

export const PETITION_DEADLINES = ['acceptance_notice', 'result_notice', 'forward'] as const;
export type PetitionDeadline = (typeof PETITION_DEADLINES)[number];

/** A deadline passed with nothing done: recorded once, by the deadline scheduler, the day after it. */
export type PetitionDeadlineMissed = DomainEvent<
  'PetitionDeadlineMissed',
  {
    readonly petitionId: string;
    readonly receivingCommission: string;
    readonly deadline: PetitionDeadline;
    readonly dueOn: string;
    readonly markedOn: string;
  }
>;

export type PetitionEvent =
  | PetitionRegistered
  | PetitionOfficersAssigned
  | PetitionProtectedFieldsRead
  | PetitionProtectedReadDenied
  | PetitionScreeningEvent
  | PetitionReporterNotified
  | PetitionConcluded
  | PetitionDeadlineMissed;
