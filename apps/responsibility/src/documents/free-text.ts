import { containsNationalId, rule } from '@app/domain';

/**
 * Rules for the free text of this context. Text is kept exactly as written (it may be signed or
 * hashed), so nothing is trimmed here: blank text counts as missing.
 */

const CHINESE = /\p{Script=Han}/u;

export interface TextLimits {
  /** Code thrown when the text is missing or blank. */
  readonly requiredCode: string;
  readonly field: string;
  readonly maxLength: number;
  /** Whether the text must contain at least one Chinese character. */
  readonly chinese?: boolean;
}

/** Checks a required text and returns it unchanged. */
export function requiredText(value: unknown, limits: TextLimits): string {
  rule(typeof value === 'string' && value.trim().length > 0, limits.requiredCode, `${limits.field} is required`);
  return checkedText(value, limits);
}

/** Checks an optional text and returns it unchanged, or undefined when absent. */
export function optionalText(value: unknown, limits: Omit<TextLimits, 'requiredCode'>): string | undefined {
  if (value === undefined || value === null) return undefined;
  rule(typeof value === 'string', 'TEXT.INVALID', `${limits.field} must be text`);
  return checkedText(value, limits);
}

function checkedText(text: string, limits: Omit<TextLimits, 'requiredCode'>): string {
  rule([...text].length <= limits.maxLength, 'TEXT.TOO_LONG', `${limits.field} is limited to ${limits.maxLength} characters`);
  rule(!limits.chinese || CHINESE.test(text), 'TEXT.NOT_CHINESE', `${limits.field} must be written in Chinese`);
  rule(!containsNationalId(text), 'TEXT.NATIONAL_ID_NOT_ALLOWED', `${limits.field} must not contain a national ID number`);
  return text;
}
