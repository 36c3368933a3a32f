import type { Command } from '@app/domain';
import type { DeadlineRule } from '@app/deadlines';
import type { SealedField } from './petition-keyring';

/**
 * Commands of a petition (stream `petition-<id>`). The handler resolves, for the command's day,
 * who the actor is to the receiving commission (`petition_office`: a commission officer acting for
 * it; `approving_secretary`: its commission secretary that day), the registry facts the rules
 * need, and the deadline rule in force. Protected values arrive sealed.
 */

export const PETITION_ACTOR_ROLES = ['petition_office', 'approving_secretary'] as const;
export type PetitionActorRole = (typeof PETITION_ACTOR_ROLES)[number];

export interface PetitionActor {
  readonly staffNumber: string;
  readonly roles: readonly PetitionActorRole[];
}

export type RegisterPetition = Command<
  'RegisterPetition',
  {
    readonly petitionId: string;
    readonly receivingCommission: string;
    readonly channel: string;
    readonly named: boolean;
    readonly reporter?: { readonly name: SealedField; readonly contact: SealedField };
    readonly content: SealedField;
    readonly reportedPersons: readonly string[];
    readonly reportedUnits: readonly string[];
    readonly receivedOn: string;
    /** Who held the receiving commission's secretary post on `receivedOn`. */
    readonly commissionLeaders: readonly string[];
    /** `reporter.acceptance_notice` in force for the commission on `receivedOn`. */
    readonly acceptanceNoticeRule: DeadlineRule;
    /** `petition.forward_to_higher` in force for the commission on `receivedOn`. */
    readonly forwardRule: DeadlineRule;
    readonly actor: PetitionActor;
  }
>;

export type AssignPetitionOfficers = Command<
  'AssignPetitionOfficers',
  { readonly petitionId: string; readonly officers: readonly string[]; readonly actor: PetitionActor }
>;

export type ReadProtectedFields = Command<
  'ReadProtectedFields',
  { readonly petitionId: string; readonly reason: string; readonly actor: PetitionActor }
>;

export type PetitionScreeningDecision =
  | { readonly outcome: 'accepted' }
  /** `higherCommission`: the commission above the receiving one that day, as the registry has it (null: none). */
  | { readonly outcome: 'forwarded'; readonly higherCommission: string | null; readonly forwardRule: DeadlineRule }
  /** `higherOfTarget`: the commission above the target that day (it must be the receiving one). */
  | { readonly outcome: 'transferred'; readonly to: string; readonly higherOfTarget: string | null }
  | { readonly outcome: 'not_accepted'; readonly reason: string }
  /** `earlierCommission`: the receiving commission of the earlier petition (null: no such petition). */
  | { readonly outcome: 'repeat'; readonly repeatOf: string; readonly earlierCommission: string | null };

export type ScreenPetition = Command<
  'ScreenPetition',
  { readonly petitionId: string; readonly decision: PetitionScreeningDecision; readonly actor: PetitionActor }
>;

export type NotifyReporter = Command<
  'NotifyReporter',
  { readonly petitionId: string; readonly notice: string; readonly sentOn: string; readonly actor: PetitionActor }
>;

export type ConcludePetition = Command<
  'ConcludePetition',
  {
    readonly petitionId: string;
    readonly result: string;
    /** `reporter.result_notice` in force for the commission today. */
    readonly resultNoticeRule: DeadlineRule;
    readonly actor: PetitionActor;
  }
>;

/** The deadline scheduler's: records each deadline passed with nothing done, once. */
export type MarkPetitionDeadlinesMissed = Command<'MarkPetitionDeadlinesMissed', { readonly petitionId: string }>;

export type PetitionCommand =
  | RegisterPetition
  | AssignPetitionOfficers
  | ReadProtectedFields
  | ScreenPetition
  | NotifyReporter
  | ConcludePetition
  | MarkPetitionDeadlinesMissed;

export const petitionStreamId = (petitionId: string): string => `petition-${petitionId.toLowerCase()}`;
