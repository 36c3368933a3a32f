import type { Command } from '@app/domain';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';

/**
 * Commands of a ten-things project (stream `ten-things-<unitCode>-<year>-<number>`). The handler
 * resolves the actor's roles in the unit on the command's day and stores attachment bytes before
 * naming them here.
 */

interface ProjectTarget {
  readonly unitCode: string;
  readonly year: number;
  /** 1 to 10, the item of seed §7. */
  readonly number: number;
  readonly actor: ResponsibilityActor;
}

export type OpenTenThingsProject = Command<'OpenTenThingsProject', ProjectTarget>;

export interface LedgerEntryInput {
  /** UUID generated at the edge. */
  readonly entryId: string;
  readonly day: string;
  readonly text: string;
  readonly doneBy: readonly string[];
  readonly attachments?: readonly EvidenceAttachment[];
  readonly progress: number;
}

export type RecordLedgerEntry = Command<'RecordLedgerEntry', ProjectTarget & LedgerEntryInput>;

export type CorrectLedgerEntry = Command<
  'CorrectLedgerEntry',
  ProjectTarget & LedgerEntryInput & { readonly supersedes: string; readonly reason: string }
>;

export type CompleteTenThingsProject = Command<'CompleteTenThingsProject', ProjectTarget>;

export type TenThingsCommand = OpenTenThingsProject | RecordLedgerEntry | CorrectLedgerEntry | CompleteTenThingsProject;

export const tenThingsStreamId = (unitCode: string, year: number, number: number): string => `ten-things-${unitCode}-${year}-${number}`;
