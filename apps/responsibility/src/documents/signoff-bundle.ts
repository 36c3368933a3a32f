import { Inject, Injectable } from '@nestjs/common';
import type { BundleEvent, BundleSignOff, PersonKey } from '@app/audit-bundle';
import { parsePublicKey } from '@app/crypto';
import { dayBefore } from '@app/domain';
import type { AuditBundleExtras } from '@app/eventstore';
import { RegistryView } from '@app/registry-view';
import type { DocumentVersionSigned } from './document.events';
import { signOffMessage } from '@app/signoffs';

/**
 * What this service adds to its audit export bundles: each `DocumentVersionSigned` as a sign-off
 * with the exact statement bytes signed, and the signers' keys as the registry view knows them,
 * with their validity periods. The offline verifier checks these without knowing sign-offs.
 */
@Injectable()
export class SignOffBundleExtras implements AuditBundleExtras {
  constructor(@Inject(RegistryView) private readonly view: RegistryView) {}

  signOffOf(event: BundleEvent): BundleSignOff | undefined {
    if (event.type !== 'DocumentVersionSigned' || event.schemaVersion !== 1) return undefined;
    const data = event.data as DocumentVersionSigned['data'];
    return {
      seq: event.seq,
      eventId: event.eventId,
      signerStaffNumber: data.signerStaffNumber,
      algorithm: data.algorithm,
      keyFingerprint: data.keyFingerprint,
      statement: signOffMessage(data).toString('base64'),
      signature: data.signature,
      signedOn: data.signedOn,
    };
  }

  async peopleKeys(signOffs: readonly BundleSignOff[]): Promise<PersonKey[]> {
    const keys: PersonKey[] = [];
    for (const fingerprint of new Set(signOffs.map((signOff) => signOff.keyFingerprint))) {
      const key = await this.view.keyByFingerprint(fingerprint);
      if (!key) continue;
      keys.push({
        staffNumber: key.staffNumber,
        algorithm: key.algorithm,
        // Normalised hex, whatever form it was registered in (an Ed25519 key may come as PEM).
        publicKey: parsePublicKey(key.algorithm, key.publicKey).publicKey,
        fingerprint: key.fingerprint,
        validFrom: key.from,
        validTo: key.revokedFrom === undefined ? null : dayBefore(key.revokedFrom),
      });
    }
    return keys;
  }
}
