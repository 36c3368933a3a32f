import { obligationIdOf } from '../obligations/obligation.command-handlers';

/** The rule name of a letter item's obligation: its due day is the item's own deadline. */
export const LETTER_ITEM_RULE = 'letter.item';

/** The obligation subject of item `itemNo` (1-based) of a letter: `letter:<documentId>:<itemNo>`. */
export const letterItemSubject = (documentId: string, itemNo: number): string => `letter:${documentId}:${itemNo}`;

export const letterItemObligationId = (documentId: string, itemNo: number): string =>
  obligationIdOf(LETTER_ITEM_RULE, letterItemSubject(documentId, itemNo));
