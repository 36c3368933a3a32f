/**
 * Public integration events of case handling (source `cases`). Each type is versioned on its own;
 * a consumer switches on `type` and `version`. Days are `YYYY-MM-DD` (China Standard Time).
 * Whistleblower protection: a petition's reporter, contact and content never leave the service,
 * nor do the persons it names; messages carry ids, unit codes, the channel and days only.
 */

export const CASES_SOURCE = 'cases' as const;

/** Kafka topic of every case-handling integration event, keyed by stream id. */
export const CASES_TOPIC = 'cases.events.v1' as const;

export const CasesEventTypes = {
  PetitionRegistered: 'cases.PetitionRegistered',
  PetitionScreened: 'cases.PetitionScreened',
  CaseConcluded: 'cases.CaseConcluded',
  PetitionCountsCompiled: 'cases.PetitionCountsCompiled',
} as const;

export type CasesEventType = (typeof CasesEventTypes)[keyof typeof CasesEventTypes];

export interface CasesIntegrationEvent<Type extends CasesEventType, Version extends number, Data> {
  readonly type: Type;
  readonly version: Version;
  readonly data: Data;
}

export const PETITION_CHANNELS = ['letter', 'visit', 'phone', 'web', 'inspection_tour'] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];

export const PETITION_SCREENING_OUTCOMES = ['accepted', 'forwarded', 'transferred', 'not_accepted', 'repeat'] as const;
export type PetitionScreeningOutcome = (typeof PETITION_SCREENING_OUTCOMES)[number];

/** A petition (信访举报) was received by a commission: the units it reports on count towards their petition figures. */
export type PetitionRegisteredV1 = CasesIntegrationEvent<
  'cases.PetitionRegistered',
  1,
  {
    readonly petitionId: string;
    readonly receivingCommissionCode: string;
    readonly channel: PetitionChannel;
    readonly reportedUnitCodes: readonly string[];
    readonly receivedOn: string;
  }
>;

/**
 * The receiving commission screened the petition (受理/分流): accepted within its remit, forwarded
 * to the higher commission (`toCommissionCode`, due by `dueOn`), transferred to a lower one, not
 * accepted, or a repeat of `repeatOf`.
 */
export type PetitionScreenedV1 = CasesIntegrationEvent<
  'cases.PetitionScreened',
  1,
  {
    readonly petitionId: string;
    readonly receivingCommissionCode: string;
    readonly outcome: PetitionScreeningOutcome;
    readonly toCommissionCode: string | null;
    readonly repeatOf: string | null;
    readonly dueOn: string | null;
    readonly screenedOn: string;
  }
>;

/** What a concluded case found at one unit: who, and over which period the conduct ran. */
export interface CaseFinding {
  readonly unitCode: string;
  readonly staffNumbers: readonly string[];
  readonly periodFrom: string;
  readonly periodTo: string;
}

/**
 * A case (案件) was concluded with findings. For each finding, responsibility tracking opens the
 * one-case-two-investigations review (一案双查, seed §14) of the unit's main and supervisory
 * responsibility over the finding's period, with the people as they were then.
 */
export type CaseConcludedV1 = CasesIntegrationEvent<
  'cases.CaseConcluded',
  1,
  {
    readonly caseId: string;
    readonly handlingCommissionCode: string;
    readonly concludedOn: string;
    readonly findings: readonly CaseFinding[];
  }
>;

/**
 * A commission's petition counts for a month that is over: per unit reported on, the petitions it
 * registered that month (forwarded ones are counted where they went; repeats are not counted).
 * Responsibility tracking's admonishment-talk trigger reads it. Compiled once per commission and month.
 */
export type PetitionCountsCompiledV1 = CasesIntegrationEvent<
  'cases.PetitionCountsCompiled',
  1,
  {
    readonly commissionCode: string;
    readonly month: string;
    readonly counts: readonly { readonly unitCode: string; readonly petitions: number }[];
    readonly compiledOn: string;
  }
>;

export type CasesEvent = PetitionRegisteredV1 | PetitionScreenedV1 | CaseConcludedV1 | PetitionCountsCompiledV1;
