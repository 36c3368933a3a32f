export * from './crypto-error';
export * from './hash';
export * from './canonical-json';
export { parsePublicKey, verifySignature, SM2_DEFAULT_USER_ID } from './signatures';
export type { SignatureAlgorithm, ParsedPublicKey } from './signatures';
export * from './field-encryption';
export * from './merkle';
export { loadSigningKey, newSigningKeyFile } from './signing-key';
export type { SigningKey } from './signing-key';
