import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { BulletinActor, BulletinCommand } from './bulletin.commands';
import { bimonthOf, bulletinDecider } from './bulletin.decider';
import { bulletinContentHash, type BulletinCompiled, type BulletinEvent, type TypicalCase } from './bulletin.events';

const spec = deciderSpec(bulletinDecider);
const at = (day: string) => testMetadata({ now: new Date(`${day}T04:00:00Z`) });
const compiler: BulletinActor = { staffNumber: 'S-A', actsForCommission: true, isSecretary: false };
const reviewer: BulletinActor = { staffNumber: 'S-B', actsForCommission: true, isSecretary: false };
const secretary: BulletinActor = { staffNumber: 'S-SEC', actsForCommission: false, isSecretary: true };
const key = { commission: 'JS-JW', period: '2026-B4' };
const cases: TypicalCase[] = [
  {
    decisionId: 'd1',
    decidedOn: '2026-08-20',
    unitCode: 'JS-EDU',
    staffNumber: 'S-1',
    measures: ['disciplinary_sanction'],
    sanctions: ['党纪处分：严重警告'],
  },
];

const command = (type: BulletinCommand['type'], actor: BulletinActor, day = '2026-09-02', extra: object = {}): BulletinCommand =>
  ({ type, data: { ...key, actor, ...extra }, metadata: at(day) }) as BulletinCommand;
const compiled: BulletinCompiled = {
  type: 'TypicalCaseBulletinCompiled',
  data: { ...key, cases, compiledBy: 'S-A', compiledOn: '2026-09-02' },
};
const reviewed: BulletinEvent = {
  type: 'TypicalCaseBulletinReviewed',
  data: { reviewedBy: 'S-B', reviewedOn: '2026-09-03', opinion: '同意' },
};
const FINGERPRINT = 'f'.repeat(64);
const SIGNATURE = 'ab'.repeat(64);
const secretaryKey = { staffNumber: 'S-SEC', algorithm: 'ed25519', fingerprint: FINGERPRINT, validFrom: '2026-01-01' };
const contentHash = bulletinContentHash({ ...key, cases });
/** The secretary's signature fields (`facts` as the handler finds them). */
const signing = (change: object = {}) => ({
  version: 1,
  contentHash,
  signerStaffNumber: 'S-SEC',
  opinion: '同意通报。',
  algorithm: 'ed25519',
  keyFingerprint: FINGERPRINT,
  signature: SIGNATURE,
  facts: { key: secretaryKey, signatureValid: true },
  ...change,
});
const signed: BulletinEvent = {
  type: 'TypicalCaseBulletinSigned',
  data: {
    signedBy: 'S-SEC',
    signedOn: '2026-09-04',
    version: 1,
    contentHash,
    opinion: '同意通报。',
    algorithm: 'ed25519',
    keyFingerprint: FINGERPRINT,
    signature: SIGNATURE,
    statementFormat: 'signoff/v1',
  },
};

describe('typical-case bulletin decider', () => {
  it('is compiled once the two months are over, by an officer; the same cases again record nothing', () => {
    spec
      .given([])
      .when(command('CompileBulletin', compiler, '2026-09-02', { cases }))
      .then([compiled]);
    spec
      .given([compiled])
      .when(command('CompileBulletin', compiler, '2026-09-03', { cases }))
      .then([]);
    spec
      .given([])
      .when(command('CompileBulletin', compiler, '2026-08-31', { cases }))
      .thenThrows('BULLETIN.PERIOD_NOT_OVER', 'conflict');
    spec
      .given([])
      .when(command('CompileBulletin', secretary, '2026-09-02', { cases }))
      .thenThrows('BULLETIN.NOT_COMMISSION_OFFICER', 'forbidden');
  });

  it('is reviewed by another officer, signed by the secretary, then published once', () => {
    spec
      .given([compiled])
      .when(command('ReviewBulletin', reviewer, '2026-09-03', { opinion: '同意' }))
      .then([reviewed]);
    spec
      .given([compiled])
      .when(command('ReviewBulletin', compiler, '2026-09-03', { opinion: '同意' }))
      .thenThrows('BULLETIN.SELF_REVIEW', 'forbidden');
    spec
      .given([compiled])
      .when(command('ReviewBulletin', reviewer, '2026-09-03', { opinion: ' ' }))
      .thenThrows('BULLETIN.OPINION_REQUIRED');
    spec
      .given([compiled])
      .when(command('SignBulletin', secretary, '2026-09-04', signing()))
      .thenThrows('BULLETIN.NOT_REVIEWED', 'conflict');
    spec
      .given([compiled, reviewed])
      .when(command('SignBulletin', reviewer, '2026-09-04', signing({ signerStaffNumber: 'S-B' })))
      .thenThrows('BULLETIN.NOT_SECRETARY', 'forbidden');
    spec
      .given([compiled, reviewed])
      .when(command('SignBulletin', secretary, '2026-09-04', signing()))
      .then([signed]);
    spec
      .given([compiled, reviewed, signed])
      .when(command('SignBulletin', secretary, '2026-09-05', signing()))
      .then([]);
    spec
      .given([compiled, reviewed])
      .when(command('PublishBulletin', compiler, '2026-09-05'))
      .thenThrows('BULLETIN.NOT_SIGNED', 'conflict');
    const published: BulletinEvent = {
      type: 'TypicalCaseBulletinPublished',
      data: { ...key, caseCount: 1, publishedOn: '2026-09-05', by: 'S-A' },
    };
    spec
      .given([compiled, reviewed, signed])
      .when(command('PublishBulletin', compiler, '2026-09-05'))
      .then([published]);
    spec
      .given([compiled, reviewed, signed, published])
      .when(command('PublishBulletin', compiler, '2026-09-06'))
      .then([]);
    spec
      .given([compiled, reviewed, signed, published])
      .when(command('CompileBulletin', compiler, '2026-09-06', { cases: [] }))
      .thenThrows('BULLETIN.ALREADY_PUBLISHED', 'conflict');
  });

  it('is signed only with the secretary’s own valid signature over the bulletin as compiled', () => {
    const sign = (change: object) => command('SignBulletin', secretary, '2026-09-04', signing(change));
    spec
      .given([compiled, reviewed])
      .when(sign({ signerStaffNumber: 'S-OTHER' }))
      .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
    spec
      .given([compiled, reviewed])
      .when(sign({ contentHash: bulletinContentHash({ ...key, cases: [] }) }))
      .thenThrows('BULLETIN.CONTENT_CHANGED', 'conflict');
    spec
      .given([compiled, reviewed])
      .when(sign({ version: 2 }))
      .thenThrows('BULLETIN.STALE_SIGN_OFF_VERSION', 'conflict');
    spec
      .given([compiled, reviewed])
      .when(sign({ opinion: '同意 ' }))
      .thenThrows('SIGNOFF.OPINION_NOT_EXACT');
    spec
      .given([compiled, reviewed])
      .when(sign({ signature: 'ab' }))
      .thenThrows('SIGNOFF.BAD_SIGNATURE');
    spec
      .given([compiled, reviewed])
      .when(sign({ facts: { key: { ...secretaryKey, validFrom: '2026-09-05' }, signatureValid: true } }))
      .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
    spec
      .given([compiled, reviewed])
      .when(sign({ facts: { key: null, signatureValid: false } }))
      .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
    spec
      .given([compiled, reviewed])
      .when(sign({ facts: { key: secretaryKey, signatureValid: false } }))
      .thenThrows('SIGNOFF.BAD_SIGNATURE', 'invalid');
    // Compiled again with other cases and back, then reviewed: the first compilation's signature is stale.
    const recompiled: BulletinEvent = { ...compiled, data: { ...compiled.data, cases: [] } };
    const state = spec
      .given([compiled, recompiled, compiled, reviewed])
      .when(sign({ version: 3 }))
      .then([{ ...signed, data: { ...signed.data, version: 3 } }]);
    expect(state).toMatchObject({ status: 'signed', compilation: 3, signedContentHash: contentHash });
    spec.given([compiled, recompiled, compiled, reviewed]).when(sign({})).thenThrows('BULLETIN.STALE_SIGN_OFF_VERSION', 'conflict');
  });

  it('compiling other cases starts the review over', () => {
    const state = spec
      .given([compiled, reviewed])
      .when(command('CompileBulletin', compiler, '2026-09-05', { cases: [] }))
      .then([{ type: 'TypicalCaseBulletinCompiled', data: { ...key, cases: [], compiledBy: 'S-A', compiledOn: '2026-09-05' } }]);
    expect(state).toMatchObject({ status: 'compiled' });
    expect(state).not.toHaveProperty('reviewedBy');
  });

  it('reads two-month periods', () => {
    expect(bimonthOf('2026-B1')).toEqual({ from: '2026-01-01', to: '2026-02-28' });
    expect(bimonthOf('2024-B1').to).toBe('2024-02-29');
    expect(bimonthOf('2026-B6')).toEqual({ from: '2026-11-01', to: '2026-12-31' });
    expect(() => bimonthOf('2026-B7')).toThrow('not a two-month period');
  });
});
