import type { Command } from '@app/domain';
import type { HandlingActor, Subject } from './handling-actor';

/**
 * Commands of a preliminary check (stream `preliminary-check-<checkId>`). Opening comes from the
 * clue-disposal process only, with an id derived from the clue (or the escalated inquiry).
 */

export type OpenPreliminaryCheck = Command<
  'OpenPreliminaryCheck',
  {
    readonly checkId: string;
    readonly commission: string;
    readonly clueId: string;
    readonly inquiryId: string | null;
    readonly subjects: readonly Subject[];
    readonly openedOn: string;
  }
>;

export type ConcludePreliminaryCheck = Command<
  'ConcludePreliminaryCheck',
  {
    readonly checkId: string;
    readonly decision: string;
    readonly reason: string;
    /** The id the case opened gets (derived from the check's by the handler). */
    readonly caseId: string;
    readonly actor: HandlingActor;
  }
>;

export type PreliminaryCheckCommand = OpenPreliminaryCheck | ConcludePreliminaryCheck;

export const preliminaryCheckStreamId = (checkId: string): string => `preliminary-check-${checkId.toLowerCase()}`;
