import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { canonicalContentHash, type SignOffClaim, signOffMessage } from '@app/signoffs';
import { isSignOffRole } from '../documents/document-kinds';
import { loadSigningKey, type SigningKey } from '@app/crypto';

const USAGE = `Signs off a document version (§9 签字背书) with a private key kept on this machine.

  sign --key <file> --doc <documentId>@<version> --role <role> --staff <staff number>
       (--opinion <text> | --opinion-file <file>) --url <service url> --token <bearer token>
       [--algorithm ed25519|sm2] [--dry-run]

  --key        Ed25519 PKCS#8 PEM, SM2 PEM, or an SM2 private key as 64 hex characters
  --role       main_responsibility | supervisory_responsibility | responsible_subject
  --dry-run    print the signed sign-off request instead of sending it

It reads GET <url>/documents/<id>/versions/<version>, expecting JSON with at least
{ "documentId", "version", "contentHash" } and, when present, "content" (whose canonical SM3 hash
must equal contentHash); it signs the sign-off statement (signoff/v1) and sends
POST <url>/documents/<id>/versions/<version>/sign-offs with
{ role, signerStaffNumber, opinion, algorithm, keyFingerprint, contentHash, signature }.`;

export interface SignArgs {
  readonly keyFile: string;
  readonly algorithm?: string;
  readonly documentId: string;
  readonly version: number;
  readonly role: string;
  readonly staffNumber: string;
  readonly opinion: string;
  readonly url: string;
  readonly token: string;
  readonly dryRun: boolean;
}

/** The body of `POST /documents/{id}/versions/{v}/sign-offs`. */
export interface SignOffRequest {
  readonly role: string;
  readonly signerStaffNumber: string;
  readonly opinion: string;
  readonly algorithm: string;
  readonly keyFingerprint: string;
  readonly contentHash: string;
  readonly signature: string;
}

/** What the CLI needs from `GET /documents/{id}/versions/{v}`. */
export interface DocumentVersionResponse {
  readonly documentId: string;
  readonly version: number;
  readonly contentHash: string;
  readonly content?: Readonly<Record<string, unknown>>;
}

const DOC = /^([0-9a-f-]{36})@([1-9]\d*)$/;

export function signArgs(args: readonly string[], readText: (path: string) => string = readUtf8): SignArgs {
  const { values } = parseArgs({
    args: [...args],
    options: {
      key: { type: 'string' },
      algorithm: { type: 'string' },
      doc: { type: 'string' },
      role: { type: 'string' },
      staff: { type: 'string' },
      opinion: { type: 'string' },
      'opinion-file': { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const missing = ['key', 'doc', 'role', 'staff', 'url', 'token'].filter((name) => values[name as keyof typeof values] === undefined);
  if (missing.length > 0) throw new Error(`missing --${missing.join(', --')}\n\n${USAGE}`);
  const doc = DOC.exec(values.doc!);
  if (!doc) throw new Error(`--doc must be <documentId>@<version>, not ${values.doc}`);
  if (!isSignOffRole(values.role)) throw new Error(`--role must be a sign-off role, not ${values.role}`);
  if ((values.opinion === undefined) === (values['opinion-file'] === undefined))
    throw new Error('give the review opinion by --opinion or --opinion-file');
  return {
    keyFile: values.key!,
    algorithm: values.algorithm,
    documentId: doc[1],
    version: Number(doc[2]),
    role: values.role,
    staffNumber: values.staff!,
    // The opinion is signed exactly as given; only the newline an editor adds at the end of a file is dropped.
    opinion: values.opinion ?? readText(values['opinion-file']!).replace(/\r?\n$/, ''),
    url: values.url!.replace(/\/+$/, ''),
    token: values.token!,
    dryRun: values['dry-run'] === true,
  };
}

/** Checks the version the service returned and signs the statement for it. */
export function signOffRequest(args: SignArgs, key: SigningKey, version: DocumentVersionResponse): SignOffRequest {
  if (version.documentId !== args.documentId || version.version !== args.version) {
    throw new Error(`the service returned ${version.documentId}@${version.version}, not ${args.documentId}@${args.version}`);
  }
  if (version.content !== undefined && canonicalContentHash(version.content) !== version.contentHash) {
    throw new Error('the content returned does not hash to the content hash returned; nothing was signed');
  }
  const claim: SignOffClaim = {
    documentId: args.documentId,
    version: args.version,
    contentHash: version.contentHash,
    role: args.role,
    signerStaffNumber: args.staffNumber,
    opinion: args.opinion,
  };
  return {
    role: args.role,
    signerStaffNumber: args.staffNumber,
    opinion: args.opinion,
    algorithm: key.algorithm,
    keyFingerprint: key.fingerprint,
    contentHash: version.contentHash,
    signature: key.sign(signOffMessage(claim)),
  };
}

/** Fetches the version, signs its statement locally and posts the sign-off; answers the service’s reply. */
export async function signAndSubmit(args: SignArgs): Promise<string> {
  const key = loadSigningKey(readUtf8(args.keyFile), args.algorithm);
  const path = `${args.url}/documents/${args.documentId}/versions/${args.version}`;
  const headers = { authorization: `Bearer ${args.token}`, accept: 'application/json' };
  const response = await fetch(path, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  const request = signOffRequest(args, key, (await response.json()) as DocumentVersionResponse);
  if (args.dryRun) return JSON.stringify(request, null, 2);
  const posted = await fetch(`${path}/sign-offs`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(request),
  });
  const text = await posted.text();
  if (!posted.ok) throw new Error(`POST ${path}/sign-offs: ${posted.status} ${text}`);
  return text;
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}

if (require.main === module) {
  Promise.resolve()
    .then(() => signAndSubmit(signArgs(process.argv.slice(2))))
    .then((output) => process.stdout.write(`${output}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    });
}
