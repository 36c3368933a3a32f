/** Signature algorithms a sign-off may use (the registry's signing key algorithms). */
export const SIGN_OFF_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type SignOffAlgorithm = (typeof SIGN_OFF_ALGORITHMS)[number];

/** Name of the signed-statement format (signoff-statement.ts); recorded with each sign-off. */
export const SIGN_OFF_STATEMENT_FORMAT = 'signoff/v1';

export function isSignOffAlgorithm(value: unknown): value is SignOffAlgorithm {
  return (SIGN_OFF_ALGORITHMS as readonly unknown[]).includes(value);
}
