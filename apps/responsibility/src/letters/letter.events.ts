import type { DomainEvent } from '@app/domain';
import type { LetterItem } from './letter-content';

/**
 * Recorded in the letter's document stream (`document-<documentId>`) with the signature that
 * completes it: from `effectiveOn` the items bind the recipient unit. A process manager turns each
 * item into a tracked responsibility; `itemNo` (1-based, in the letter's order) with the document
 * id makes a stable reference `letter:<documentId>:<itemNo>`.
 */
export type LetterTookEffect = DomainEvent<
  'LetterTookEffect',
  {
    readonly documentId: string;
    readonly year: number;
    /** The issuing unit (the document's unit), bearing the main responsibility. */
    readonly issuerUnitCode: string;
    /** The other party, the responsible subject (责任对象). */
    readonly recipientUnitCode: string;
    readonly version: number;
    readonly contentHash: string;
    readonly title: string;
    readonly items: readonly (LetterItem & { readonly itemNo: number })[];
    readonly effectiveOn: string;
  }
>;
