import { decryptField, encryptField } from '@app/crypto';

/** A protected value as it is stored: the key id it was sealed under and the field-encrypted text. */
export interface SealedField {
  readonly kid: string;
  readonly ciphertext: string;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;
const HEX_KEY = /^[0-9a-fA-F]{32}$/;

/** A key configuration that cannot be used: names what is wrong, never a key. */
export class PetitionKeyConfigError extends Error {}

/** A sealed value whose key id the configuration no longer holds. */
export class PetitionKeyUnavailable extends Error {
  constructor(readonly kid: string) {
    super(`The value was sealed under key id ${kid}, which PETITION_KEYS does not hold: add it back to read the value.`);
  }
}

/**
 * The petition keys from configuration (`PETITION_KEYS` = `kid1:hex32,kid2:hex32`,
 * `PETITION_ACTIVE_KEY` = `kid2`): new values are sealed under the active key, any key listed
 * still opens what it sealed (rotation: add a key, make it active, keep the old ones). Each value
 * is SM4 field-encrypted (`encryptField`) with an aad binding it to its petition and field.
 */
export class PetitionKeyring {
  private constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly activeKid: string,
  ) {}

  /** Parses the two variables; throws {@link PetitionKeyConfigError} naming the problem. */
  static parse(keysValue: unknown, activeKid: unknown): PetitionKeyring {
    if (typeof keysValue !== 'string' || keysValue.trim() === '') throw new PetitionKeyConfigError('PETITION_KEYS lists no key');
    const keys = new Map<string, Buffer>();
    for (const [index, entry] of keysValue.split(',').entries()) {
      const [kid, hex, ...rest] = entry.trim().split(':');
      if (!KID.test(kid ?? '') || !HEX_KEY.test(hex ?? '') || rest.length > 0) {
        throw new PetitionKeyConfigError(`PETITION_KEYS entry ${index + 1} is not kid:32-hex-digits`);
      }
      if (keys.has(kid)) throw new PetitionKeyConfigError(`PETITION_KEYS lists key id ${kid} twice`);
      keys.set(kid, Buffer.from(hex, 'hex'));
    }
    if (typeof activeKid !== 'string' || !keys.has(activeKid)) {
      throw new PetitionKeyConfigError('PETITION_ACTIVE_KEY must be one of the key ids in PETITION_KEYS');
    }
    return new PetitionKeyring(keys, activeKid);
  }

  seal(plaintext: string, aad: string): SealedField {
    return { kid: this.activeKid, ciphertext: encryptField(this.keys.get(this.activeKid)!, plaintext, aad) };
  }

  /** The plaintext; {@link PetitionKeyUnavailable} when the key id is not configured, `FIELD.*` crypto errors when it does not authenticate. */
  open(sealed: SealedField, aad: string): string {
    const key = this.keys.get(sealed.kid);
    if (!key) throw new PetitionKeyUnavailable(sealed.kid);
    return decryptField(key, sealed.ciphertext, aad);
  }
}

/** The aad of a petition's protected field: a ciphertext moved to another petition or field does not open. */
export const petitionFieldAad = (petitionId: string, field: ProtectedField): string => `petition:${petitionId.toLowerCase()}:${field}`;

export const PROTECTED_FIELDS = ['reporterName', 'reporterContact', 'content'] as const;
export type ProtectedField = (typeof PROTECTED_FIELDS)[number];
