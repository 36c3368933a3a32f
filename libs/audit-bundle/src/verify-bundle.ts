import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  InclusionVerifier,
  parsePublicKey,
  verifyConsistency,
  verifySignature,
  type HashAlgorithm,
  type ParsedPublicKey,
} from '@app/crypto';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  CHECKPOINT_FORMAT,
  checkpointId,
  checkpointMessage,
  eventContentHash,
  eventLeaf,
  sealLink,
  type BundleCheckpoints,
  type BundleEvent,
  type BundleKeys,
  type BundleManifest,
  type BundleSignOff,
  type SignedCheckpoint,
} from './format';

/**
 * The offline check of an export bundle (docs/audit-bundle.md): only files, hashes and signatures;
 * no database, no broker, no network. Every failure names the file, and where it applies the
 * line, seal entry, position and event, with a stable reason code.
 */

export type BundleFailureReason =
  | 'UNREADABLE' // a file is missing or not the JSON it should be
  | 'UNKNOWN_FORMAT'
  | 'SERVICE_KEY_INVALID' // a service public key does not parse, or its fingerprint is wrong
  | 'SERVICE_KEY_NOT_PINNED' // the anchor checkpoint is signed by a key other than the one the auditor pinned
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'CHECKPOINT_CHAIN_BROKEN' // a checkpoint does not name its predecessor in the bundle
  | 'CONSISTENCY_PROOF_INVALID'
  | 'ANCHOR_MISSING'
  | 'SEQ_OUT_OF_ORDER' // an event is missing, doubled, moved or inserted
  | 'CONTENT_HASH_MISMATCH'
  | 'STREAM_BROKEN' // a stream's version or previous hash does not follow its predecessor
  | 'CHAIN_HASH_MISMATCH'
  | 'INCLUSION_PROOF_INVALID'
  | 'EVENT_COUNT_MISMATCH' // events missing at the end, or more than the manifest says
  | 'STREAM_INCOMPLETE' // unit bundles: a stream the manifest lists lacks one of its versions
  | 'NOT_OF_UNIT' // unit bundles: an event of a stream not listed, or a listed stream none of whose events names the unit
  | 'SIGNER_KEY_UNKNOWN' // no registered key of the signer with that fingerprint valid on the day
  | 'SIGN_OFF_SIGNATURE_INVALID'
  | 'SIGN_OFF_NOT_IN_EVENT';

export interface BundleFailure {
  readonly file: string;
  readonly line?: number;
  readonly seq?: number;
  readonly position?: number;
  readonly eventId?: string;
  readonly reason: BundleFailureReason;
  readonly detail: string;
}

export interface BundleReport {
  readonly ok: boolean;
  readonly service?: string;
  readonly checked: {
    events: number;
    contentHashes: number;
    chainLinks: number;
    inclusionProofs: number;
    checkpoints: number;
    consistencyProofs: number;
    signOffs: number;
  };
  readonly failures: readonly BundleFailure[];
}

/** Stops collecting after this many failures: one tampered byte early in the chain can fail everything after. */
const MAX_FAILURES = 100;

export interface VerifyOptions {
  /**
   * Fingerprints of service keys obtained apart from the bundle (GET /audit/keys earlier, the
   * registry, one's own records). When given, the anchor checkpoint must be signed by one of them:
   * a bundle re-signed throughout with another key is otherwise consistent with itself.
   */
  readonly pinnedServiceKeys?: readonly string[];
  readonly onProgress?: (events: number) => void;
}

export function verifyBundle(directory: string, options: VerifyOptions = {}): BundleReport {
  const onProgress = options.onProgress;
  const failures: BundleFailure[] = [];
  const checked = { events: 0, contentHashes: 0, chainLinks: 0, inclusionProofs: 0, checkpoints: 0, consistencyProofs: 0, signOffs: 0 };
  const fail = (failure: BundleFailure) => {
    if (failures.length < MAX_FAILURES) failures.push(failure);
  };
  const report = (service?: string): BundleReport => ({ ok: failures.length === 0, service, checked, failures });

  const manifest = readJson<BundleManifest>(directory, BUNDLE_FILES.manifest, fail);
  if (!manifest) return report();
  const format: unknown = manifest.format;
  if (format !== BUNDLE_FORMAT) {
    fail({ file: BUNDLE_FILES.manifest, reason: 'UNKNOWN_FORMAT', detail: `format ${String(format)}, expected ${BUNDLE_FORMAT}` });
    return report();
  }
  const algorithm = manifest.hashAlgorithm;
  if (algorithm !== 'sm3' && algorithm !== 'sha256') {
    fail({ file: BUNDLE_FILES.manifest, reason: 'UNKNOWN_FORMAT', detail: `hash algorithm ${String(algorithm)}` });
    return report(manifest.service);
  }

  const keys = readJson<BundleKeys>(directory, BUNDLE_FILES.keys, fail);
  const serviceKeys = new Map<string, ParsedPublicKey>();
  for (const [index, key] of (keys?.service ?? []).entries()) {
    const parsed = parseKey(key.algorithm, key.publicKey);
    if (!parsed || parsed.fingerprint !== key.fingerprint) {
      fail({
        file: BUNDLE_FILES.keys,
        reason: 'SERVICE_KEY_INVALID',
        detail: `service key ${index} does not parse or has another fingerprint`,
      });
    } else serviceKeys.set(parsed.fingerprint, parsed);
  }

  const anchor = checkCheckpoints(directory, manifest, algorithm, serviceKeys, checked, fail);
  const pinned = options.pinnedServiceKeys?.map((fingerprint) => fingerprint.toLowerCase());
  if (anchor && pinned && !pinned.includes(anchor.body.keyFingerprint)) {
    fail({
      file: BUNDLE_FILES.checkpoints,
      reason: 'SERVICE_KEY_NOT_PINNED',
      detail: `anchor checkpoint ${anchor.body.number} is signed by key ${anchor.body.keyFingerprint}, not by a pinned key`,
    });
  }
  checkEvents(directory, manifest, algorithm, anchor, checked, fail, onProgress);
  if (keys) checkSignOffs(directory, keys, checked, fail);
  return report(manifest.service);
}

function checkCheckpoints(
  directory: string,
  manifest: BundleManifest,
  algorithm: HashAlgorithm,
  serviceKeys: ReadonlyMap<string, ParsedPublicKey>,
  checked: BundleReport['checked'],
  fail: (failure: BundleFailure) => void,
): SignedCheckpoint | undefined {
  const file = BUNDLE_FILES.checkpoints;
  const list = readJson<BundleCheckpoints>(directory, file, fail)?.checkpoints ?? [];
  const valid = new Map<number, SignedCheckpoint>();
  for (const checkpoint of list) {
    const { body } = checkpoint;
    const name = `checkpoint ${body?.number}`;
    if (body?.format !== CHECKPOINT_FORMAT || body.service !== manifest.service || body.hashAlgorithm !== algorithm) {
      fail({
        file,
        reason: 'UNKNOWN_FORMAT',
        detail: `${name} is not a ${CHECKPOINT_FORMAT} checkpoint of ${manifest.service} with ${algorithm}`,
      });
      continue;
    }
    const key = serviceKeys.get(body.keyFingerprint);
    if (!key || key.algorithm !== body.signatureAlgorithm || !verifySignature(key, checkpointMessage(body), checkpoint.signature)) {
      fail({
        file,
        reason: 'CHECKPOINT_SIGNATURE_INVALID',
        detail: key
          ? `${name}: the signature does not verify under service key ${body.keyFingerprint}`
          : `${name}: signed by unknown key ${body.keyFingerprint}`,
      });
      continue;
    }
    checked.checkpoints += 1;
    valid.set(body.number, checkpoint);
  }
  for (const checkpoint of valid.values()) {
    const before = valid.get(checkpoint.body.number - 1);
    if (before && checkpoint.body.previous !== checkpointId(before.body)) {
      fail({
        file,
        reason: 'CHECKPOINT_CHAIN_BROKEN',
        detail: `checkpoint ${checkpoint.body.number} does not name checkpoint ${before.body.number} as previous`,
      });
    }
    if (before && before.body.logSize > checkpoint.body.logSize) {
      fail({
        file,
        reason: 'CHECKPOINT_CHAIN_BROKEN',
        detail: `checkpoint ${checkpoint.body.number} covers fewer events than checkpoint ${before.body.number}`,
      });
    }
  }
  const anchor = valid.get(manifest.anchorCheckpoint);
  if (!anchor) {
    fail({
      file,
      reason: 'ANCHOR_MISSING',
      detail: `no valid checkpoint ${manifest.anchorCheckpoint}, which the inclusion proofs lead to`,
    });
    return undefined;
  }
  const anchorRoot = Buffer.from(anchor.body.rootHash, 'hex');
  for (const checkpoint of list) {
    if (!valid.has(checkpoint.body?.number) || checkpoint.body.number === anchor.body.number) continue;
    const { body } = checkpoint;
    const ok = verifyConsistency(
      algorithm,
      body.logSize,
      anchor.body.logSize,
      Buffer.from(body.rootHash, 'hex'),
      anchorRoot,
      hexList(checkpoint.consistencyToAnchor),
    );
    if (!ok) {
      fail({
        file,
        reason: 'CONSISTENCY_PROOF_INVALID',
        detail: `checkpoint ${body.number} (size ${body.logSize}) is not proven a prefix of anchor checkpoint ${anchor.body.number} (size ${anchor.body.logSize})`,
      });
    } else checked.consistencyProofs += 1;
  }
  return anchor;
}

function checkEvents(
  directory: string,
  manifest: BundleManifest,
  algorithm: HashAlgorithm,
  anchor: SignedCheckpoint | undefined,
  checked: BundleReport['checked'],
  fail: (failure: BundleFailure) => void,
  onProgress?: (events: number) => void,
): void {
  const streams = new Map<string, { version: number; hash: string }>();
  const unit = manifest.unit;
  const listed = new Map((unit?.streams ?? []).map((stream) => [stream.streamId, stream.version]));
  /** Unit bundles: the versions of each stream read, and the streams one of whose events names the unit. */
  const versionsRead = new Map<string, Set<number>>();
  const namingTheUnit = new Set<string>();
  let expectedSeq = manifest.fromSeq;
  let previousLink = manifest.previousChainHash;
  const inclusion = anchor ? new InclusionVerifier(algorithm, anchor.body.logSize, Buffer.from(anchor.body.rootHash, 'hex')) : undefined;
  for (const file of manifest.eventFiles) {
    if (!/^events\/\d{6}\.ndjson$/.test(file)) {
      fail({ file: BUNDLE_FILES.manifest, reason: 'UNKNOWN_FORMAT', detail: `event file ${file} is not events/NNNNNN.ndjson` });
      continue;
    }
    const text = readText(directory, file, fail);
    if (text === undefined) continue;
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const [index, raw] of lines.entries()) {
      const line = index + 1;
      let event: BundleEvent;
      try {
        event = JSON.parse(raw) as BundleEvent;
      } catch (error) {
        fail({ file, line, seq: expectedSeq, reason: 'UNREADABLE', detail: `not JSON: ${(error as Error).message}` });
        expectedSeq += 1;
        continue;
      }
      const where = { file, line, seq: event.seq, position: event.position, eventId: event.eventId };
      checked.events += 1;
      // A unit bundle skips the entries of other streams: its seal entries only go up.
      if (
        unit ? !(Number.isSafeInteger(event.seq) && event.seq >= expectedSeq && event.seq <= manifest.toSeq) : event.seq !== expectedSeq
      ) {
        fail({
          ...where,
          reason: 'SEQ_OUT_OF_ORDER',
          detail: unit
            ? `seal entry ${event.seq} where one from ${expectedSeq} was due`
            : `seal entry ${event.seq} where ${expectedSeq} was due`,
        });
      }
      if (unit) {
        if (expectedSeq !== event.seq) previousLink = event.previousChainHash ?? null;
        checkUnitMember(event, unit.code, listed, versionsRead, namingTheUnit, where, fail);
      }
      expectedSeq = event.seq + 1;
      const recomputed = safely(() => eventContentHash(algorithm, event));
      if (recomputed !== event.contentHash) {
        fail({
          ...where,
          reason: 'CONTENT_HASH_MISMATCH',
          detail: `event ${event.streamId} v${event.version} does not match its content hash`,
        });
      } else checked.contentHashes += 1;
      const stream = streams.get(event.streamId);
      if (
        event.version === 1
          ? event.previousHash !== null
          : stream && (stream.version + 1 !== event.version || stream.hash !== event.previousHash)
      ) {
        fail({
          ...where,
          reason: 'STREAM_BROKEN',
          detail: `${event.streamId} v${event.version} does not follow the stream's previous event`,
        });
      }
      streams.set(event.streamId, { version: event.version, hash: event.contentHash });
      const link = safely(() => sealLink(algorithm, previousLink, event.seq, event.position, event.contentHash));
      if (link !== event.chainHash) {
        fail({ ...where, reason: 'CHAIN_HASH_MISMATCH', detail: `seal link ${event.seq} does not follow from the link before it` });
      } else checked.chainLinks += 1;
      previousLink = event.chainHash;
      if (anchor && inclusion) {
        const leaf = safely(() => eventLeaf(algorithm, event.seq, event.position, event.contentHash));
        const included = leaf !== undefined && inclusion.verify(leaf, event.seq - 1, event.inclusion);
        if (!included) {
          fail({
            ...where,
            reason: 'INCLUSION_PROOF_INVALID',
            detail: `seal entry ${event.seq} is not proven to be in checkpoint ${anchor.body.number} (root ${anchor.body.rootHash.slice(0, 16)}…)`,
          });
        } else checked.inclusionProofs += 1;
      }
    }
    onProgress?.(checked.events);
  }
  const lastFile = manifest.eventFiles.at(-1) ?? BUNDLE_FILES.manifest;
  if (unit) checkUnitStreams(unit.code, listed, versionsRead, namingTheUnit, fail);
  if ((!unit && expectedSeq - 1 !== manifest.toSeq) || checked.events !== manifest.eventCount) {
    fail({
      file: lastFile,
      seq: expectedSeq,
      reason: 'EVENT_COUNT_MISMATCH',
      detail: `the manifest promises ${manifest.eventCount} events up to seal entry ${manifest.toSeq}; the files hold ${checked.events}, ending at ${expectedSeq - 1}`,
    });
  }
}

/** A unit bundle's event: its stream must be one the manifest lists, and each version is there once. */
function checkUnitMember(
  event: BundleEvent,
  code: string,
  listed: ReadonlyMap<string, number>,
  versionsRead: Map<string, Set<number>>,
  namingTheUnit: Set<string>,
  where: Omit<BundleFailure, 'reason' | 'detail'>,
  fail: (failure: BundleFailure) => void,
): void {
  if (!listed.has(event.streamId)) {
    fail({ ...where, reason: 'NOT_OF_UNIT', detail: `${event.streamId} is not one of the streams of unit ${code} the manifest lists` });
    return;
  }
  const versions = versionsRead.get(event.streamId) ?? new Set<number>();
  versions.add(event.version);
  versionsRead.set(event.streamId, versions);
  if ((event.metadata as { unitId?: unknown } | null)?.unitId === code) namingTheUnit.add(event.streamId);
}

/** After a unit bundle's events: each listed stream whole (versions 1..version) and of the unit. */
function checkUnitStreams(
  code: string,
  listed: ReadonlyMap<string, number>,
  versionsRead: ReadonlyMap<string, ReadonlySet<number>>,
  namingTheUnit: ReadonlySet<string>,
  fail: (failure: BundleFailure) => void,
): void {
  const file = BUNDLE_FILES.manifest;
  for (const [streamId, version] of listed) {
    const versions = versionsRead.get(streamId) ?? new Set<number>();
    const missing: number[] = [];
    for (let v = 1; v <= version && missing.length < 10; v++) if (!versions.has(v)) missing.push(v);
    const extra = [...versions].filter((v) => !(v >= 1 && v <= version));
    if (missing.length > 0 || extra.length > 0) {
      fail({
        file,
        reason: 'STREAM_INCOMPLETE',
        detail: `${streamId} is listed with ${version} events; ${missing.length > 0 ? `version(s) ${missing.join(', ')} missing` : `version(s) ${extra.join(', ')} beyond it`}`,
      });
    }
    if (versions.size > 0 && !namingTheUnit.has(streamId)) {
      fail({ file, reason: 'NOT_OF_UNIT', detail: `no event of ${streamId} names unit ${code}` });
    }
  }
}

function checkSignOffs(
  directory: string,
  keys: BundleKeys,
  checked: BundleReport['checked'],
  fail: (failure: BundleFailure) => void,
): void {
  const file = BUNDLE_FILES.signOffs;
  if (!existsSync(join(directory, file))) return;
  const text = readText(directory, file, fail) ?? '';
  const signatures = eventSignatures(directory, fail);
  for (const [index, raw] of text.split('\n').entries()) {
    if (raw === '') continue;
    const line = index + 1;
    let signOff: BundleSignOff;
    try {
      signOff = JSON.parse(raw) as BundleSignOff;
    } catch (error) {
      fail({ file, line, reason: 'UNREADABLE', detail: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const where = { file, line, seq: signOff.seq, eventId: signOff.eventId };
    const key = keys.people.find(
      (k) =>
        k.staffNumber === signOff.signerStaffNumber &&
        k.fingerprint === signOff.keyFingerprint &&
        k.algorithm === signOff.algorithm &&
        k.validFrom <= signOff.signedOn &&
        (k.validTo === null || signOff.signedOn <= k.validTo),
    );
    const parsed = key && parseKey(key.algorithm, key.publicKey);
    if (!parsed || parsed.fingerprint !== signOff.keyFingerprint) {
      fail({
        ...where,
        reason: 'SIGNER_KEY_UNKNOWN',
        detail: `no ${signOff.algorithm} key ${signOff.keyFingerprint.slice(0, 16)}… of ${signOff.signerStaffNumber} valid on ${signOff.signedOn}`,
      });
      continue;
    }
    if (!verifySignature(parsed, Buffer.from(signOff.statement, 'base64'), signOff.signature)) {
      fail({
        ...where,
        reason: 'SIGN_OFF_SIGNATURE_INVALID',
        detail: `the signature of ${signOff.signerStaffNumber} does not verify over the statement`,
      });
      continue;
    }
    if (signatures.get(signOff.seq) !== signOff.signature) {
      fail({ ...where, reason: 'SIGN_OFF_NOT_IN_EVENT', detail: `event at seal entry ${signOff.seq} does not carry this signature` });
      continue;
    }
    checked.signOffs += 1;
  }
}

/** The `signature` field of each event's data, by seal entry (what a sign-off line must match). */
function eventSignatures(directory: string, fail: (failure: BundleFailure) => void): Map<number, string> {
  const manifest = readJson<BundleManifest>(directory, BUNDLE_FILES.manifest, fail);
  const found = new Map<number, string>();
  for (const file of manifest?.eventFiles ?? []) {
    for (const raw of (readText(directory, file, () => undefined) ?? '').split('\n')) {
      const event = safely(() => JSON.parse(raw) as BundleEvent);
      const signature = (event?.data as { signature?: unknown } | undefined)?.signature;
      if (event && typeof signature === 'string') found.set(event.seq, signature);
    }
  }
  return found;
}

function parseKey(algorithm: unknown, publicKey: unknown): ParsedPublicKey | undefined {
  return safely(() => parsePublicKey(algorithm as 'sm2', String(publicKey)));
}

/** Hex strings as bytes; anything else (or a hex string with a stray character, cut short by Buffer.from) fails the 32-byte check later. */
function hexList(values: unknown): Buffer[] {
  return Array.isArray(values) ? values.map((v) => Buffer.from(typeof v === 'string' ? v : '', 'hex')) : [];
}

function safely<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}

function readText(directory: string, file: string, fail: (failure: BundleFailure) => void): string | undefined {
  try {
    // Bytes, then decoded: readFileSync(…, 'utf8') takes about six times as long on text with Chinese in it (Node 24).
    return readFileSync(join(directory, file)).toString('utf8');
  } catch (error) {
    fail({ file, reason: 'UNREADABLE', detail: (error as Error).message });
    return undefined;
  }
}

function readJson<T>(directory: string, file: string, fail: (failure: BundleFailure) => void): T | undefined {
  const text = readText(directory, file, fail);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    fail({ file, reason: 'UNREADABLE', detail: `not JSON: ${(error as Error).message}` });
    return undefined;
  }
}
