import type { ServiceFeature } from '@app/kit';
import { FulfilLetterItemHandler, GetLetterItemsHandler } from './letter-items.handlers';
import { LetterItemsTracker } from './letter-items.reaction';
import { LettersController } from './letters.controller';

/** Letters in effect: their items tracked as the recipient's obligations. Needs DOCUMENTS_FEATURE and OBLIGATIONS_FEATURE. */
export const LETTERS_FEATURE: ServiceFeature = {
  controllers: [LettersController],
  providers: [LetterItemsTracker, GetLetterItemsHandler, FulfilLetterItemHandler],
};
