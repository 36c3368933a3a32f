import { fieldRule, optionalText } from './field-rules';

/**
 * Evidence named by a task record, a ledger entry or an answer: the service keeps the bytes by
 * their SHA-256; the event records only this reference.
 */
export interface EvidenceAttachment {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

/** 20 MiB per attachment and 20 attachments per entry, as the ledgers' rule says. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_ENTRY = 20;

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_NAME_LENGTH = 200;

/** The attachments of one entry, each reduced to its reference; absent means none. */
export function validAttachments(value: unknown, field = 'attachments'): readonly EvidenceAttachment[] {
  if (value === undefined) return [];
  fieldRule(Array.isArray(value), 'EVIDENCE.INVALID', `${field} must be a list`, field);
  const list = value as readonly unknown[];
  fieldRule(
    list.length <= MAX_ATTACHMENTS_PER_ENTRY,
    'EVIDENCE.TOO_MANY',
    `an entry carries at most ${MAX_ATTACHMENTS_PER_ENTRY} attachments`,
    field,
  );
  const attachments = list.map((item, index) => validAttachment(item, `${field}[${index}]`));
  attachments.forEach((attachment, index) =>
    fieldRule(
      attachments.findIndex((other) => other.sha256 === attachment.sha256) === index,
      'EVIDENCE.DUPLICATE',
      `${attachment.name} is attached twice`,
      `${field}[${index}]`,
    ),
  );
  return attachments;
}

function validAttachment(value: unknown, field: string): EvidenceAttachment {
  fieldRule(typeof value === 'object' && value !== null, 'EVIDENCE.INVALID', `${field} is not an attachment`, field);
  const { name, mediaType, size, sha256 } = value as Partial<Record<keyof EvidenceAttachment, unknown>>;
  const text = optionalText(name, `${field}.name`, MAX_NAME_LENGTH);
  fieldRule(
    text !== undefined && !/[\\/\p{Cc}]/u.test(text),
    'EVIDENCE.INVALID_NAME',
    `${field}.name needs 1 to ${MAX_NAME_LENGTH} characters, no path and no control characters`,
    `${field}.name`,
  );
  fieldRule(
    typeof mediaType === 'string' && MEDIA_TYPE.test(mediaType),
    'EVIDENCE.INVALID_MEDIA_TYPE',
    `${field}.mediaType is not a media type`,
    `${field}.mediaType`,
  );
  fieldRule(
    Number.isInteger(size) && (size as number) > 0,
    'EVIDENCE.INVALID_SIZE',
    `${field}.size is not a size in bytes`,
    `${field}.size`,
  );
  fieldRule(
    (size as number) <= MAX_ATTACHMENT_BYTES,
    'EVIDENCE.TOO_LARGE',
    `${text} is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`,
    `${field}.size`,
  );
  fieldRule(
    typeof sha256 === 'string' && SHA256.test(sha256),
    'EVIDENCE.INVALID_HASH',
    `${field}.sha256 is not a SHA-256 in hex`,
    `${field}.sha256`,
  );
  return { name: text, mediaType, size: size as number, sha256 };
}
