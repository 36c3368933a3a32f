import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PG_CONNECTION } from '@app/testing';
import { MAX_EVIDENCE_BYTES } from '../src/evidence/evidence.store';
import { startResponsibility, type ResponsibilityUnderTest } from './responsibility-test-app';

describe('evidence files: uploaded once, named by hash, served only as uploaded', () => {
  let app: ResponsibilityUnderTest;
  let officer: string;
  const unit = `EV-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    app = await startResponsibility();
    officer = app.token(['unit_officer'], [unit], 'S-EV-1');
  });
  afterAll(() => app?.close());

  async function upload(
    bytes: Buffer,
    name: string,
    type: string,
    token = officer,
    unitCode = unit,
  ): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const response = await fetch(`${app.url}/evidence?unit=${encodeURIComponent(unitCode)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: await response.json() };
  }

  const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]);

  test('an upload answers the SHA-256 reference; the same bytes again answer the same; a download gives the bytes back', async () => {
    const bytes = pdf();
    const first = await upload(bytes, '2025年廉政谈话记录.pdf', 'application/pdf');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      name: '2025年廉政谈话记录.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      unitCode: unit,
      uploadedBy: 'S-EV-1',
    });
    const again = await upload(bytes, '2025年廉政谈话记录.pdf', 'application/pdf');
    expect([again.status, again.body.sha256]).toEqual([201, first.body.sha256]);

    const download = await fetch(`${app.url}/evidence/${first.body.sha256}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('2025年廉政谈话记录.pdf'));
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  test('refused: no file, an empty file, a type not kept, a name with a national ID, a file over the limit, another unit', async () => {
    const none = await fetch(`${app.url}/evidence?unit=${unit}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}` },
      body: new FormData(),
    });
    expect([none.status, ((await none.json()) as { code: string }).code]).toEqual([400, 'EVIDENCE.FILE_REQUIRED']);
    expect((await upload(Buffer.alloc(0), 'a.pdf', 'application/pdf')).body.code).toBe('EVIDENCE.EMPTY_FILE');
    const exe = await upload(randomBytes(10), 'a.exe', 'application/x-msdownload');
    expect([exe.status, exe.body.code]).toEqual([415, 'EVIDENCE.UNSUPPORTED_TYPE']);
    const named = await upload(pdf(), '张伟11010519491231002X.pdf', 'application/pdf');
    expect([named.status, named.body.code, named.body.errors[0].field]).toEqual([400, 'TEXT.NATIONAL_ID', 'file']);
    const large = await upload(Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 1), 'large.pdf', 'application/pdf');
    expect([large.status, large.body.code]).toEqual([413, 'REQUEST.TOO_LARGE']);
    const elsewhere = await upload(pdf(), 'a.pdf', 'application/pdf', officer, 'OTHER-UNIT');
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  test("another unit's officer may not download; bytes changed behind the service are refused, not served", async () => {
    const stored = await upload(pdf(), 'b.pdf', 'application/pdf');
    const stranger = app.token(['unit_officer'], ['OTHER-UNIT'], 'S-EV-2');
    const refused = await fetch(`${app.url}/evidence/${stored.body.sha256}`, { headers: { authorization: `Bearer ${stranger}` } });
    expect(refused.status).toBe(403);

    const db = new Client({ ...PG_CONNECTION, database: app.config.PGDATABASE });
    await db.connect();
    try {
      await db.query("UPDATE resp_evidence_files SET bytes = 'forged'::bytea WHERE sha256 = $1", [stored.body.sha256]);
    } finally {
      await db.end();
    }
    const altered = await fetch(`${app.url}/evidence/${stored.body.sha256}`, { headers: { authorization: `Bearer ${officer}` } });
    expect([altered.status, ((await altered.json()) as { code: string }).code]).toEqual([409, 'EVIDENCE.ALTERED']);
    const unknown = await app.request('GET', `/evidence/${'0'.repeat(64)}`, { token: officer });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'EVIDENCE.NOT_FOUND']);
  });
});
