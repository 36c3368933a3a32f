export type CryptoErrorCode =
  | 'KEY.UNSUPPORTED_ALGORITHM'
  | 'KEY.MALFORMED'
  | 'CANONICAL_JSON.UNSUPPORTED_VALUE'
  | 'FIELD.KEY_INVALID'
  | 'FIELD.MALFORMED'
  | 'FIELD.AUTHENTICATION_FAILED';

/** Input that a crypto function refuses, with a stable code such as `KEY.MALFORMED`. */
export class CryptoInputError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoInputError';
  }
}
