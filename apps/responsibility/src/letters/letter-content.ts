import { requireDay, rule } from '@app/domain';
import { contentRecord, documentTitle, optionalBody } from '../documents/content-fields';
import { requiredText } from '../documents/free-text';

export const MAX_LETTER_ITEMS = 100;
export const ITEM_TEXT_MAX_LENGTH = 500;

/** One commitment of a responsibility letter (责任书): what is to be done, and by when. */
export interface LetterItem {
  readonly text: string;
  /** Last day (CST) for the item, YYYY-MM-DD. */
  readonly deadline: string;
}

/** The content of a responsibility letter: a title, an optional preamble (`body`) and its items, in order. */
export interface LetterContent {
  readonly title: string;
  readonly body?: string;
  readonly items: readonly LetterItem[];
}

export function letterContent(content: unknown): LetterContent {
  const record = contentRecord(content, ['title', 'body', 'items']);
  const title = documentTitle(record.title);
  const body = optionalBody(record.body);
  const items = record.items;
  rule(Array.isArray(items) && items.length > 0, 'LETTER.NO_ITEMS', 'a responsibility letter has at least one item');
  rule(items.length <= MAX_LETTER_ITEMS, 'LETTER.TOO_MANY_ITEMS', `a responsibility letter has at most ${MAX_LETTER_ITEMS} items`);
  return { title, ...(body === undefined ? {} : { body }), items: items.map(letterItem) };
}

function letterItem(item: unknown, index: number): LetterItem {
  const field = `items[${index}]`;
  const record = itemRecord(item, field);
  const text = requiredText(record.text, {
    requiredCode: 'LETTER.ITEM_TEXT_REQUIRED',
    field: `${field}.text`,
    maxLength: ITEM_TEXT_MAX_LENGTH,
    chinese: true,
  });
  requireDay(record.deadline, `${field}.deadline`);
  return { text, deadline: record.deadline };
}

function itemRecord(item: unknown, field: string): Readonly<Record<string, unknown>> {
  rule(typeof item === 'object' && item !== null && !Array.isArray(item), 'LETTER.INVALID_ITEM', `${field} must be an object`);
  const unknown = Object.keys(item).filter((key) => key !== 'text' && key !== 'deadline');
  rule(unknown.length === 0, 'LETTER.INVALID_ITEM', `${field} has unknown fields: ${unknown.join(', ')}`);
  return item as Record<string, unknown>;
}
