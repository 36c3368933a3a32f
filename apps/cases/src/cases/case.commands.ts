import type { Command } from '@app/domain';
import type { HandlingActor, Subject } from './handling-actor';
import type { CaseFinding } from './case.events';

/**
 * Commands of a case (stream `case-<caseId>`). `OpenCase` comes from the clue-disposal process
 * (a preliminary check concluded with `open_case`), never from a route; the case id is derived
 * from the check's, so a repeated opening is the same case.
 */

export type OpenCase = Command<
  'OpenCase',
  {
    readonly caseId: string;
    readonly commission: string;
    readonly subjects: readonly Subject[];
    readonly openedOn: string;
    readonly clueId: string | null;
    readonly preliminaryCheckId: string | null;
  }
>;

/** Concluded by the handling commission; the handler checked the units and persons against the registry. */
export type ConcludeCase = Command<
  'ConcludeCase',
  { readonly caseId: string; readonly findings: readonly CaseFinding[]; readonly actor: HandlingActor }
>;

export type CaseCommand = OpenCase | ConcludeCase;

export const caseStreamId = (caseId: string): string => `case-${caseId.toLowerCase()}`;
