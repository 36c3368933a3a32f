/**
 * `npm run bench:sm2`: milliseconds per SM2 verification (r‖s over SM3(Z_A ‖ message), 1 KiB messages) by
 * sm-crypto, the verifier before sm-crypto-v2, next to verifySignature as it is now, for a key it has not seen,
 * the same key's second signature (when its point gets precomputed) and every later one.
 *
 * Options (flag or environment variable):
 *   --keys=N     BENCH_KEYS     new signers (key, message, signature) per round (default 40)
 *   --rounds=N   BENCH_ROUNDS   rounds; the modes take turns in each, so that load from elsewhere on the
 *                               machine falls on all of them alike (default 3)
 *   --again=N    BENCH_AGAIN    verifications of each signer's signature once its point is precomputed (default 5)
 */
import { sm2 as smCrypto } from 'sm-crypto';
import { sm2 } from 'sm-crypto-v2';
import { randomBytes } from 'node:crypto';
import { parsePublicKey, SM2_DEFAULT_USER_ID, verifySignature, type ParsedPublicKey } from '../src/signatures';

const MODES = {
  'sm-crypto': 'sm-crypto doVerifySignature, as verifySignature did before',
  'first sight': 'verifySignature, a key it has not seen (verifies against the key hex)',
  'second sight': 'verifySignature, the same key again (precomputes its point, then verifies)',
  again: 'verifySignature, the same key from then on (verifies against the precomputed point)',
} as const;
type Mode = keyof typeof MODES;

const AIM_MS = 5;
const OPTIONS = { hash: true, der: false, userId: SM2_DEFAULT_USER_ID };

interface Signer {
  readonly publicKey: string;
  readonly key: ParsedPublicKey;
  readonly message: Buffer;
  readonly signature: string;
}

function main(): void {
  const flags = new Map(process.argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=', 2) as [string, string]));
  const count = (flag: string, variable: string, fallback: number): number => {
    const value = Number(flags.get(flag) ?? process.env[variable] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} / ${variable} must be a positive integer`);
    return value;
  };
  const keys = count('keys', 'BENCH_KEYS', 40);
  const rounds = count('rounds', 'BENCH_ROUNDS', 3);
  const again = count('again', 'BENCH_AGAIN', 5);

  console.log(`SM2 verification benchmark — node ${process.version}, ${keys} new keys per round, ${rounds} rounds`);
  for (const [mode, text] of Object.entries(MODES)) console.log(`  ${mode.padEnd(13)} ${text}`);
  warmUp();
  const perRound = new Map<Mode, number[]>(Object.keys(MODES).map((mode) => [mode as Mode, []]));
  for (let round = 0; round < rounds; round++) {
    const signers = Array.from({ length: keys }, newSigner);
    const time = (mode: Mode, times: number, verify: (signer: Signer) => boolean) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < times; i++) {
        for (const signer of signers) if (!verify(signer)) throw new Error(`${mode}: a valid signature did not verify`);
      }
      perRound.get(mode)!.push(Number(process.hrtime.bigint() - started) / 1e6 / (times * signers.length));
    };
    time('sm-crypto', 1, (s) => smCrypto.doVerifySignature([...s.message], s.signature, s.publicKey, OPTIONS));
    time('first sight', 1, (s) => verifySignature(s.key, s.message, s.signature));
    time('second sight', 1, (s) => verifySignature(s.key, s.message, s.signature));
    time('again', again, (s) => verifySignature(s.key, s.message, s.signature));
  }

  console.log('');
  console.log(`${'mode'.padEnd(13)}  ms/verification  per round (lowest–highest)  vs sm-crypto`);
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const baseline = mean(perRound.get('sm-crypto')!);
  for (const [mode, values] of perRound) {
    const range = `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
    console.log(
      `${mode.padEnd(13)}  ${mean(values).toFixed(2).padStart(15)}  ${range.padStart(26)}  ${(baseline / mean(values)).toFixed(1)}×`,
    );
  }
  const [once, twice, often] = (['first sight', 'second sight', 'again'] as const).map((mode) => mean(perRound.get(mode)!));
  const perKey = [once, (once + twice) / 2, (once + twice + again * often) / (2 + again)];
  console.log('');
  console.log(
    `aim: under ${AIM_MS} ms per verification — a key verified once ${perKey[0].toFixed(2)} ms, twice ${perKey[1].toFixed(2)} ms ` +
      `each, ${2 + again} times ${perKey[2].toFixed(2)} ms each: ${perKey.every((ms) => ms < AIM_MS) ? 'met' : 'NOT met'}`,
  );
}

function newSigner(): Signer {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  const message = randomBytes(1024);
  const signature = sm2.doSignature(Uint8Array.from(message), privateKey, OPTIONS);
  return { publicKey, key: parsePublicKey('sm2', publicKey), message, signature };
}

/** JIT and the curve's base point precomputes, on keys the measured rounds do not use. */
function warmUp(): void {
  for (const signer of Array.from({ length: 5 }, newSigner)) {
    for (let i = 0; i < 5; i++) verifySignature(signer.key, signer.message, signer.signature);
    smCrypto.doVerifySignature([...signer.message], signer.signature, signer.publicKey, OPTIONS);
  }
}

main();
