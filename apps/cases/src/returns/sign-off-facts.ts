import type { RegistryView } from '@app/registry-view';
import { signatureFacts } from '@app/signoffs';
import type { SignOffFacts, SignOffInput } from './return.commands';

/**
 * The facts a secretary's sign-off (of a return or a bulletin) is judged on: the key its fingerprint
 * names as the registry has it, and whether the signature verifies under that key over the
 * `signoff/v1` statement with the content hash the signer sent.
 */
export async function signOffFacts(view: RegistryView, documentId: string, role: string, input: SignOffInput): Promise<SignOffFacts> {
  const key = await view.keyByFingerprint(typeof input.keyFingerprint === 'string' ? input.keyFingerprint.toLowerCase() : '');
  const claim = {
    documentId,
    version: input.version,
    contentHash: input.contentHash,
    role,
    signerStaffNumber: input.signerStaffNumber,
    opinion: input.opinion,
  };
  return signatureFacts(claim, input.signature, key);
}
