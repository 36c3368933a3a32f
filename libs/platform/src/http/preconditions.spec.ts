import { HttpProblem } from './problem';
import { etag, parseIdempotencyKey, parseIfMatch } from './preconditions';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HttpProblem ? `${error.getStatus()} ${error.code}` : String(error);
  }
  return undefined;
}

describe('parseIfMatch', () => {
  it('reads the stream version from a strong ETag', () => {
    expect(parseIfMatch('"0"')).toBe(0);
    expect(parseIfMatch('"42"')).toBe(42);
    expect(parseIfMatch(' "7" ')).toBe(7);
  });

  it('asks for no version check when absent or *', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it('round-trips the ETag it sets', () => {
    expect(parseIfMatch(etag(12))).toBe(12);
  });

  it.each(['W/"3"', '3', '"3', '"-1"', '"01"', '"abc"', '"1", "2"', '""', '"1234567890123456"'])(
    'refuses %s with 400 REQUEST.BAD_IF_MATCH',
    (header) => {
      expect(codeOf(() => parseIfMatch(header))).toBe('400 REQUEST.BAD_IF_MATCH');
    },
  );
});

describe('parseIdempotencyKey', () => {
  it('is optional', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it('accepts 1 to 200 printable ASCII characters', () => {
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('9f1c-2b!~')).toBe('9f1c-2b!~');
    expect(parseIdempotencyKey('k'.repeat(200))).toHaveLength(200);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['non-ASCII', '幂等键'],
    ['a control character', 'a\tb'],
  ])('refuses a key that is %s with 400 REQUEST.BAD_IDEMPOTENCY_KEY', (_, key) => {
    expect(codeOf(() => parseIdempotencyKey(key))).toBe('400 REQUEST.BAD_IDEMPOTENCY_KEY');
  });
});
