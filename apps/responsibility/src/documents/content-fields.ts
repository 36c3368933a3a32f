import { rule } from '@app/domain';
import { optionalText, requiredText } from './free-text';

export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 50_000;

/**
 * The content of a version as a plain record with no field outside `known`. Content is kept
 * exactly as received (it is hashed and signed), so an unknown field is refused, not dropped.
 */
export function contentRecord(content: unknown, known: readonly string[]): Readonly<Record<string, unknown>> {
  rule(
    typeof content === 'object' && content !== null && !Array.isArray(content),
    'DOCUMENT.CONTENT_REQUIRED',
    'a document version needs its content as an object',
  );
  const unknown = Object.keys(content).filter((key) => !known.includes(key));
  rule(unknown.length === 0, 'DOCUMENT.UNKNOWN_CONTENT_FIELD', `unknown content fields: ${unknown.join(', ')}`);
  return content as Record<string, unknown>;
}

export function documentTitle(value: unknown): string {
  return requiredText(value, { requiredCode: 'DOCUMENT.TITLE_REQUIRED', field: 'title', maxLength: TITLE_MAX_LENGTH, chinese: true });
}

export function documentBody(value: unknown): string {
  return requiredText(value, { requiredCode: 'DOCUMENT.BODY_REQUIRED', field: 'body', maxLength: BODY_MAX_LENGTH, chinese: true });
}

export function optionalBody(value: unknown): string | undefined {
  return optionalText(value, { field: 'body', maxLength: BODY_MAX_LENGTH, chinese: true });
}
