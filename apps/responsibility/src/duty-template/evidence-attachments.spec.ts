import { DomainError } from '@app/domain';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_ENTRY, validAttachments, type EvidenceAttachment } from './evidence-attachments';

const attachment = (n: number, overrides: Partial<Record<keyof EvidenceAttachment, unknown>> = {}) => ({
  name: `材料${n}.pdf`,
  mediaType: 'application/pdf',
  size: 2048,
  sha256: n.toString(16).padStart(64, '0'),
  ...overrides,
});

function refusal(value: unknown): { code: string; field: unknown } {
  try {
    validAttachments(value);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.details?.field };
    throw error;
  }
  throw new Error('accepted');
}

describe('evidence attachments', () => {
  it('keeps only the reference of each attachment: name, media type, size and SHA-256', () => {
    expect(validAttachments([{ ...attachment(1), bytes: 'AAAA', uploadedBy: 'S001' }])).toEqual([attachment(1)]);
    expect(validAttachments(undefined)).toEqual([]);
  });

  it(`an entry carries at most ${MAX_ATTACHMENTS_PER_ENTRY} attachments`, () => {
    const many = Array.from({ length: MAX_ATTACHMENTS_PER_ENTRY + 1 }, (_, i) => attachment(i + 1));
    expect(validAttachments(many.slice(1))).toHaveLength(MAX_ATTACHMENTS_PER_ENTRY);
    expect(refusal(many)).toEqual({ code: 'EVIDENCE.TOO_MANY', field: 'attachments' });
  });

  it('an attachment is at most 20 MiB', () => {
    expect(validAttachments([attachment(1, { size: MAX_ATTACHMENT_BYTES })])).toHaveLength(1);
    expect(refusal([attachment(1, { size: MAX_ATTACHMENT_BYTES + 1 })])).toEqual({
      code: 'EVIDENCE.TOO_LARGE',
      field: 'attachments[0].size',
    });
  });

  it.each([
    ['an empty file', { size: 0 }, 'EVIDENCE.INVALID_SIZE', 'size'],
    ['a fractional size', { size: 1.5 }, 'EVIDENCE.INVALID_SIZE', 'size'],
    ['a hash that is not SHA-256 hex', { sha256: 'abc' }, 'EVIDENCE.INVALID_HASH', 'sha256'],
    ['an upper-case hash', { sha256: 'A'.repeat(64) }, 'EVIDENCE.INVALID_HASH', 'sha256'],
    ['a media type without subtype', { mediaType: 'pdf' }, 'EVIDENCE.INVALID_MEDIA_TYPE', 'mediaType'],
    ['a name with a path', { name: '../材料.pdf' }, 'EVIDENCE.INVALID_NAME', 'name'],
    ['a blank name', { name: ' ' }, 'EVIDENCE.INVALID_NAME', 'name'],
    ['a name carrying a national ID number', { name: '11010519491231002X.pdf' }, 'TEXT.NATIONAL_ID', 'name'],
  ])('refuses %s, naming the field', (_, overrides, code, field) => {
    expect(refusal([attachment(1, overrides)])).toEqual({ code, field: `attachments[0].${field}` });
  });

  it('the same file is attached to an entry once', () => {
    expect(refusal([attachment(1), attachment(1, { name: '副本.pdf' })])).toEqual({ code: 'EVIDENCE.DUPLICATE', field: 'attachments[1]' });
  });
});
