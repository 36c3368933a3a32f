import { randomBytes, randomUUID } from 'node:crypto';
import { verifyBundle } from '@app/audit-bundle';
import { RESPONSIBILITY_EVENT_SCHEMAS, RESPONSIBILITY_TOPIC } from '@app/contracts';
import { createKafka } from '@app/messaging';
import { schemaValidator } from '@app/testing';
import { generateRegisteredKeyPair, sign, type RegisteredKeyPair } from '../../../libs/crypto/src/testing/signing';
import { chinaDay } from '@app/domain';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAndSubmit, signArgs } from '../src/cli/sign';
import { canonicalContentHash, signOffMessage } from '@app/signoffs';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { startResponsibility, type ResponsibilityUnderTest } from './responsibility-test-app';

/**
 * Sign-offs (签字背书) against the registry as the service's own view knows it: a district
 * committee paired with its commission, the committee's principal leader with an Ed25519 key, the
 * commission's secretary with an SM2 key, a team member, and a revoked key.
 */
describe('documents under sign-off: signatures by registered keys, verified as of the signing day', () => {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const DIST = `DQ-${run}`;
  const JW = `DJ-${run}`;
  const LEADER = `L-${run}`;
  const SECRETARY = `S-${run}`;
  const MEMBER = `M-${run}`;
  const feed = new RegistryFeed();
  const keys: Record<string, RegisteredKeyPair> = {
    [LEADER]: generateRegisteredKeyPair('ed25519'),
    [SECRETARY]: generateRegisteredKeyPair('sm2'),
    [MEMBER]: generateRegisteredKeyPair('ed25519'),
  };
  let app: ResponsibilityUnderTest;
  const tokenOf = (staff: string, unit: string, role: 'unit_officer' | 'commission_officer' = 'unit_officer') =>
    app.token([role], [unit], staff);

  beforeAll(async () => {
    app = await startResponsibility();
    await feed.connect(app);
    keys.revoked = generateRegisteredKeyPair('ed25519');
    await feed.publish([
      feed.unit(DIST, '中共测试区委员会', 'party_committee', 'district', null),
      feed.unit(JW, '中共测试区纪律检查委员会', 'discipline_commission', 'district', DIST),
      feed.paired(DIST, JW),
      feed.person(LEADER, '张伟'),
      feed.person(SECRETARY, '李娜'),
      feed.person(MEMBER, '王芳'),
      feed.appointed(DIST, LEADER, 'principal_leader'),
      feed.appointed(DIST, MEMBER, 'team_member'),
      feed.appointed(JW, SECRETARY, 'commission_secretary'),
      ...[LEADER, SECRETARY, MEMBER].map((staff) => feed.key(staff, keys[staff].algorithm, keys[staff].publicKey, keys[staff].fingerprint)),
      feed.key(LEADER, 'ed25519', keys.revoked.publicKey, keys.revoked.fingerprint),
      feed.keyRevoked(LEADER, keys.revoked.fingerprint, '2021-01-01'),
    ]);
    await feed.until(app, async (view) => (await view.keysValidOn(LEADER, chinaDay(new Date()))).length === 1);
  });
  afterAll(() => app?.close());

  const content = { title: '2025年度党风廉政建设任务分解', body: '区委书记对全区党风廉政建设负总责，班子成员按分工抓好分管领域。' };

  async function draft(): Promise<string> {
    const documentId = randomUUID();
    const drafted = await app.request('POST', '/documents', {
      token: tokenOf(LEADER, DIST),
      body: { documentId, kind: 'task_decomposition', unitCode: DIST, year: 2025, content },
    });
    expect([drafted.status, drafted.body.events]).toEqual([201, ['DocumentDrafted']]);
    return documentId;
  }

  function signOff(documentId: string, staff: string, role: string, overrides: Record<string, unknown> = {}, keyName = staff) {
    const opinion = '同意。任务分解符合年度责任清单，请各分管领导抓好落实。';
    const contentHash = canonicalContentHash(content);
    const claim = { documentId, version: 1, contentHash, role, signerStaffNumber: staff, opinion, ...overrides };
    const key = keys[keyName];
    const body = {
      role,
      signerStaffNumber: staff,
      opinion,
      algorithm: key.algorithm,
      keyFingerprint: key.fingerprint,
      contentHash,
      signature: sign(key.algorithm, key.privateKey, signOffMessage(claim)),
      ...overrides,
    };
    const unit = role === 'supervisory_responsibility' ? JW : DIST;
    return app.request('POST', `/documents/${documentId}/versions/1/sign-offs`, {
      token: tokenOf(staff, unit, role === 'supervisory_responsibility' ? 'commission_officer' : 'unit_officer'),
      body,
    });
  }

  test('the version answers the canonical content hash; the principal leader (Ed25519) and the secretary (SM2) sign; it is fully signed', async () => {
    const documentId = await draft();
    const version = await app.request('GET', `/documents/${documentId}/versions/1`, { token: tokenOf(LEADER, DIST) });
    expect(version.body).toMatchObject({ documentId, version: 1, contentHash: canonicalContentHash(content), content, status: 'current' });

    const main = await signOff(documentId, LEADER, 'main_responsibility');
    expect([main.status, main.body.events]).toEqual([201, ['DocumentVersionSigned']]);
    const supervisory = await signOff(documentId, SECRETARY, 'supervisory_responsibility');
    expect([supervisory.status, supervisory.body.events]).toEqual([201, ['DocumentVersionSigned', 'DocumentFullySigned']]);

    const document = await app.request('GET', `/documents/${documentId}`, { token: app.token(['auditor'], [], 'auditor-1') });
    expect(document.body).toMatchObject({ status: 'fully_signed', versions: [{ version: 1, signOffs: expect.any(Array) }] });
    expect(document.body.versions[0].signOffs).toHaveLength(2);
    // Published through the outbox: the fully signed document, as its schema says, without the opinion.
    const published = await firstMessage(documentId, 'responsibility.DocumentFullySigned');
    expect(published).toMatchObject({
      type: 'responsibility.DocumentFullySigned',
      version: 1,
      data: { documentId, unitCode: DIST, version: 1 },
    });
    expect(schemaValidator()(RESPONSIBILITY_EVENT_SCHEMAS['responsibility.DocumentFullySigned@1'], published.data)).toEqual([]);

    const revised = await app.request('POST', `/documents/${documentId}/versions`, {
      token: tokenOf(LEADER, DIST),
      body: { basedOnVersion: 1, content: { ...content, body: '改动' } },
    });
    expect([revised.status, revised.body.code]).toEqual([409, 'DOCUMENT.FULLY_SIGNED']);
  });

  test('the sign CLI fetches the version, signs with the secretary’s SM2 key file locally and submits', async () => {
    const documentId = await draft();
    expect((await signOff(documentId, LEADER, 'main_responsibility')).status).toBe(201);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'sign-')), 'secretary.key');
    writeFileSync(keyFile, keys[SECRETARY].privateKey);
    const reply = await signAndSubmit(
      signArgs([
        ...['--key', keyFile, '--doc', `${documentId}@1`, '--role', 'supervisory_responsibility', '--staff', SECRETARY],
        ...['--opinion', '同意，监督落实。', '--url', app.url, '--token', tokenOf(SECRETARY, JW, 'commission_officer')],
      ]),
    );
    expect(JSON.parse(reply)).toMatchObject({ events: ['DocumentVersionSigned', 'DocumentFullySigned'] });
  });

  test('refused, nothing written: a forged signature, a revoked key, a signer without the post, another version’s hash, someone else sending it', async () => {
    const documentId = await draft();
    const forged = await signOff(documentId, LEADER, 'main_responsibility', { signature: 'ab'.repeat(64) });
    expect([forged.status, forged.body.code]).toEqual([422, 'SIGNOFF.BAD_SIGNATURE']);
    const revoked = await signOff(documentId, LEADER, 'main_responsibility', {}, 'revoked');
    expect([revoked.status, revoked.body.code]).toEqual([403, 'SIGNOFF.KEY_NOT_VALID']);
    const member = await signOff(documentId, MEMBER, 'main_responsibility');
    expect([member.status, member.body.code]).toEqual([403, 'SIGNOFF.SIGNER_NOT_ENTITLED']);
    const otherHash = await signOff(documentId, LEADER, 'main_responsibility', { contentHash: '0'.repeat(64) });
    expect([otherHash.status, otherHash.body.code]).toEqual([409, 'SIGNOFF.VERSION_MISMATCH']);
    const byOther = await app.request('POST', `/documents/${documentId}/versions/1/sign-offs`, {
      token: tokenOf(MEMBER, DIST),
      body: {
        role: 'main_responsibility',
        signerStaffNumber: LEADER,
        opinion: '同意',
        algorithm: 'ed25519',
        keyFingerprint: keys[LEADER].fingerprint,
        contentHash: canonicalContentHash(content),
        signature: 'ab'.repeat(64),
      },
    });
    expect([byOther.status, byOther.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);

    const stream = await app.request('GET', `/audit/streams/document-${documentId}`, { token: app.token(['auditor'], [], 'auditor-1') });
    expect(stream.body.events.map((event: { type: string }) => event.type)).toEqual(['DocumentDrafted']);
  });

  test('bad input answers 400 naming the field; a stranger unit’s officer may neither draft nor read', async () => {
    const bad = await app.request('POST', '/documents', {
      token: tokenOf(LEADER, DIST),
      body: { documentId: 'not-a-uuid', kind: 'task_decomposition', unitCode: DIST, year: 2025, content },
    });
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'documentId']);
    const stranger = app.token(['unit_officer'], ['ELSEWHERE'], 'X-1');
    const drafted = await app.request('POST', '/documents', {
      token: stranger,
      body: { documentId: randomUUID(), kind: 'task_decomposition', unitCode: DIST, year: 2025, content },
    });
    expect([drafted.status, drafted.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const documentId = await draft();
    expect((await app.request('GET', `/documents/${documentId}`, { token: stranger })).status).toBe(403);
  });

  test('the audit export bundle carries the sign-offs and the signers’ registered keys; the offline verifier checks each signature', async () => {
    const documentId = await draft();
    expect((await signOff(documentId, LEADER, 'main_responsibility')).status).toBe(201);
    expect((await signOff(documentId, SECRETARY, 'supervisory_responsibility')).status).toBe(201);
    const auditor = app.token(['auditor'], [], 'auditor-1');
    const directory = mkdtempSync(join(tmpdir(), 'responsibility-bundle-'));
    /** The bundle's sign-off lines of this document (the statement names it). */
    const ours = (bundle: string) =>
      (existsSync(join(bundle, 'signoffs.ndjson')) ? readFileSync(join(bundle, 'signoffs.ndjson'), 'utf8') : '')
        .split('\n')
        .filter((line) => line && Buffer.from(JSON.parse(line).statement, 'base64').toString().includes(documentId));
    try {
      // Sealing follows commits a moment later: export once the checkpoint covers the sign-offs.
      let bundle = '';
      for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
        const response = await fetch(`${app.url}/audit/export`, { headers: { authorization: `Bearer ${auditor}` } });
        expect(response.status).toBe(200);
        writeFileSync(join(directory, 'bundle.tar'), Buffer.from(await response.arrayBuffer()));
        execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: directory });
        bundle = join(directory, 'bundle');
        if (ours(bundle).length === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const report = verifyBundle(bundle);
      expect(report.failures).toEqual([]);
      const signOffs = readFileSync(join(bundle, 'signoffs.ndjson'), 'utf8').split('\n').filter(Boolean);
      expect(
        ours(bundle)
          .map((line) => JSON.parse(line).signerStaffNumber)
          .sort(),
      ).toEqual([LEADER, SECRETARY].sort());
      expect(report.checked.signOffs).toBe(signOffs.length);
      const people = JSON.parse(readFileSync(join(bundle, 'keys.json'), 'utf8')).people as Array<{
        staffNumber: string;
        fingerprint: string;
      }>;
      expect(people).toEqual(
        expect.arrayContaining([expect.objectContaining({ staffNumber: LEADER, fingerprint: keys[LEADER].fingerprint })]),
      );

      // Another opinion under the same signature, or another key under the signer's fingerprint, is caught.
      const edited = signOffs.map((line) => {
        const signOff = JSON.parse(line);
        if (signOff.signerStaffNumber !== SECRETARY || !Buffer.from(signOff.statement, 'base64').toString().includes(documentId))
          return line;
        const statement = Buffer.from(signOff.statement, 'base64')
          .toString()
          .replace(/opinion-sm3=.*/, `opinion-sm3=${'0'.repeat(64)}`);
        return JSON.stringify({ ...signOff, statement: Buffer.from(statement).toString('base64') });
      });
      writeFileSync(join(bundle, 'signoffs.ndjson'), `${edited.join('\n')}\n`);
      expect(verifyBundle(bundle).failures).toContainEqual(
        expect.objectContaining({ file: 'signoffs.ndjson', reason: 'SIGN_OFF_SIGNATURE_INVALID', eventId: expect.any(String) }),
      );
      writeFileSync(join(bundle, 'signoffs.ndjson'), `${signOffs.join('\n')}\n`);
      const other = generateRegisteredKeyPair('ed25519');
      const keysFile = JSON.parse(readFileSync(join(bundle, 'keys.json'), 'utf8'));
      keysFile.people = keysFile.people.map((key: { staffNumber: string }) =>
        key.staffNumber === LEADER ? { ...key, publicKey: other.publicKey } : key,
      );
      writeFileSync(join(bundle, 'keys.json'), JSON.stringify(keysFile));
      expect(verifyBundle(bundle).failures).toContainEqual(expect.objectContaining({ reason: 'SIGNER_KEY_UNKNOWN' }));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** The first message of `type` about the document on the service's topic (a fresh group reads from the beginning). */
async function firstMessage(documentId: string, type: string): Promise<{ type: string; version: number; data: Record<string, unknown> }> {
  const consumer = createKafka({ clientId: `documents-test-${documentId}` }).consumer({ groupId: `documents-test-${documentId}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: RESPONSIBILITY_TOPIC, fromBeginning: true });
    const found = new Promise<{ type: string; version: number; data: Record<string, unknown> }>((resolve) => {
      void consumer.run({
        eachMessage: ({ message }) => {
          const envelope = JSON.parse(message.value?.toString() ?? '{}') as {
            type: string;
            version: number;
            data: Record<string, unknown>;
          };
          if (envelope.type === type && envelope.data.documentId === documentId) resolve(envelope);
          return Promise.resolve();
        },
      });
    });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no ${type} for ${documentId} on the topic`)), 30_000).unref(),
    );
    return await Promise.race([found, timeout]);
  } finally {
    await consumer.disconnect();
  }
}
