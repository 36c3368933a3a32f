import type { DomainEvent } from '@app/domain';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';

/** One of the principal leader's ten things (seed §7) of a unit and year, run as a project. */
export type TenThingsProjectOpened = DomainEvent<
  'TenThingsProjectOpened',
  { readonly unitCode: string; readonly year: number; readonly number: number; readonly title: string; readonly openedOn: string }
>;

/** A line of the project's ledger (台账): what was done on a day, by whom, with what evidence. */
export interface LedgerEntry {
  readonly entryId: string;
  readonly day: string;
  readonly text: string;
  /** Staff numbers of those who did the work. */
  readonly doneBy: readonly string[];
  /** Staff number of whoever entered the line. */
  readonly recordedBy: string;
  readonly attachments: readonly EvidenceAttachment[];
  /** The project's cumulative progress in percent as of this line. */
  readonly progress: number;
}

export type TenThingsLedgerEntryRecorded = DomainEvent<'TenThingsLedgerEntryRecorded', LedgerEntry>;

/** A line replacing `supersedes`, which stays in the log as it was; the ledger shows the new one in its place. */
export type TenThingsLedgerEntryCorrected = DomainEvent<
  'TenThingsLedgerEntryCorrected',
  LedgerEntry & { readonly supersedes: string; readonly reason: string }
>;

export type TenThingsProjectCompleted = DomainEvent<'TenThingsProjectCompleted', { readonly completedOn: string }>;

export type TenThingsEvent =
  TenThingsProjectOpened | TenThingsLedgerEntryRecorded | TenThingsLedgerEntryCorrected | TenThingsProjectCompleted;
