import { deciderSpec } from '@app/domain/testing';
import { REQUIRED_SIGNERS } from './document-kinds';
import type { DocumentCommand } from './document.commands';
import { documentDecider } from './document.decider';
import type { DocumentEvent, DocumentFullySigned } from './document.events';
import {
  COMMISSION,
  DOC,
  documentCommand,
  drafted,
  factsFor,
  fingerprintOf,
  HASH_1,
  HASH_2,
  LEADER,
  revised,
  SECRETARY,
  signCommand,
  SIGNING_DAY,
  TEXT_CONTENT,
  UNIT,
  versionSigned,
} from './testing/document-fixtures';

const given = (...events: DocumentEvent[]) => deciderSpec(documentDecider).given(events);

const draft = (data: Partial<Extract<DocumentCommand, { type: 'DraftDocument' }>['data']> = {}) =>
  documentCommand('DraftDocument', {
    documentId: DOC,
    kind: 'responsibility_division',
    unitCode: UNIT,
    year: 2024,
    content: TEXT_CONTENT,
    contentHash: HASH_1,
    ...data,
  });
const revise = (basedOnVersion: number, contentHash: string, content: unknown = { title: '修订稿', body: '修订后的正文。' }) =>
  documentCommand('ReviseDocument', { documentId: DOC, basedOnVersion, content, contentHash });

const fullySigned = (version = 1, contentHash = HASH_1, signers = [LEADER, SECRETARY]): DocumentFullySigned => ({
  type: 'DocumentFullySigned',
  data: {
    documentId: DOC,
    kind: 'responsibility_division',
    unitCode: UNIT,
    year: 2024,
    version,
    contentHash,
    signers: [
      { role: 'main_responsibility', staffNumber: signers[0] },
      { role: 'supervisory_responsibility', staffNumber: signers[1] },
    ],
    fullySignedOn: SIGNING_DAY,
  },
});

describe('Document decider', () => {
  describe('drafting', () => {
    it('records version 1 with its content hash and the signers its kind requires', () => {
      given().when(draft()).then([drafted()]);
    });

    it.each(Object.keys(REQUIRED_SIGNERS).filter((k) => k !== 'responsibility_letter'))(
      'records the required signers of a %s from the data per kind',
      (kind) => {
        given()
          .when(draft({ kind }))
          .then([drafted(kind as keyof typeof REQUIRED_SIGNERS)]);
      },
    );

    it('keeps the content exactly as written, so its hash stays the hash of what is stored', () => {
      const content = { title: '  标题  ', body: '正文\n' };
      given()
        .when(draft({ content }))
        .then([drafted('responsibility_division', { content })]);
    });

    it('DOCUMENT.ALREADY_EXISTS: a document id is drafted once', () => {
      given(drafted()).when(draft()).thenThrows('DOCUMENT.ALREADY_EXISTS', 'conflict');
    });

    it.each(['', 'not-a-uuid', DOC.toUpperCase()])('DOCUMENT.INVALID_ID: %p is not a document id', (documentId) => {
      given().when(draft({ documentId })).thenThrows('DOCUMENT.INVALID_ID');
    });

    it('DOCUMENT.INVALID_KIND: the kind is one of the document kinds', () => {
      given()
        .when(draft({ kind: 'memo' }))
        .thenThrows('DOCUMENT.INVALID_KIND');
    });

    it('DOCUMENT.INVALID_UNIT_CODE: the unit is a unit code', () => {
      given()
        .when(draft({ unitCode: 'bad code' }))
        .thenThrows('DOCUMENT.INVALID_UNIT_CODE');
    });

    it.each([1999, 2101, 2024.5, Number.NaN])('DOCUMENT.INVALID_YEAR: %p is not a year', (year) => {
      given().when(draft({ year })).thenThrows('DOCUMENT.INVALID_YEAR');
    });

    it('DOCUMENT.COUNTERPARTY_NOT_ALLOWED: only a two-party kind names a counterparty', () => {
      given()
        .when(draft({ counterpartyUnitCode: 'zy-fin' }))
        .thenThrows('DOCUMENT.COUNTERPARTY_NOT_ALLOWED');
    });

    it('DOCUMENT.CONTENT_REQUIRED: the content is an object', () => {
      given()
        .when(draft({ content: '正文' }))
        .thenThrows('DOCUMENT.CONTENT_REQUIRED');
    });

    it('DOCUMENT.UNKNOWN_CONTENT_FIELD: an unknown field is refused, not dropped from what is hashed', () => {
      given()
        .when(draft({ content: { ...TEXT_CONTENT, extra: 1 } }))
        .thenThrows('DOCUMENT.UNKNOWN_CONTENT_FIELD');
    });

    it.each([undefined, '', '   '])('DOCUMENT.TITLE_REQUIRED: %p is no title', (title) => {
      given()
        .when(draft({ content: { body: '正文', title } }))
        .thenThrows('DOCUMENT.TITLE_REQUIRED');
    });

    it('DOCUMENT.BODY_REQUIRED: a text document has a body', () => {
      given()
        .when(draft({ content: { title: '标题', body: ' ' } }))
        .thenThrows('DOCUMENT.BODY_REQUIRED');
    });

    it('TEXT.TOO_LONG: a title has at most 200 characters', () => {
      given()
        .when(draft({ content: { title: '长'.repeat(201), body: '正文' } }))
        .thenThrows('TEXT.TOO_LONG');
    });

    it('TEXT.NOT_CHINESE: the text is written in Chinese', () => {
      given()
        .when(draft({ content: { title: 'Division of duties', body: '正文' } }))
        .thenThrows('TEXT.NOT_CHINESE');
    });

    it('TEXT.NATIONAL_ID_NOT_ALLOWED: no national ID number enters the record', () => {
      given()
        .when(draft({ content: { title: '标题', body: '责任人身份证号 11010519491231002X' } }))
        .thenThrows('TEXT.NATIONAL_ID_NOT_ALLOWED');
    });

    it.each(['', 'A'.repeat(64), '1'.repeat(63)])('DOCUMENT.INVALID_CONTENT_HASH: %p is not an SM3 hex digest', (contentHash) => {
      given().when(draft({ contentHash })).thenThrows('DOCUMENT.INVALID_CONTENT_HASH');
    });
  });

  describe('revising', () => {
    it('makes a new version, which needs its own signatures', () => {
      const content = { title: '修订稿', body: '修订后的正文。' };
      given(drafted())
        .when(revise(1, HASH_2, content))
        .then([revised(2, HASH_2, content)]);
    });

    it('records nothing when the content hash is unchanged', () => {
      given(drafted()).when(revise(1, HASH_1)).thenNothing();
    });

    it('DOCUMENT.NOT_FOUND: only a drafted document is revised', () => {
      given().when(revise(1, HASH_2)).thenThrows('DOCUMENT.NOT_FOUND', 'not_found');
    });

    it('DOCUMENT.STALE_VERSION: a revision is based on the current version', () => {
      const error = given(drafted(), revised(2, HASH_2)).when(revise(1, HASH_1)).thenThrows('DOCUMENT.STALE_VERSION', 'conflict');
      expect(error.details).toEqual({ currentVersion: 2 });
    });

    it('DOCUMENT.FULLY_SIGNED: a fully signed document is final', () => {
      given(drafted(), versionSigned('main_responsibility'), versionSigned('supervisory_responsibility'), fullySigned())
        .when(revise(1, HASH_2))
        .thenThrows('DOCUMENT.FULLY_SIGNED', 'conflict');
    });
  });

  describe('signing', () => {
    it('records the sign-off with the review opinion and the post that entitled the signer', () => {
      given(drafted())
        .when(signCommand('main_responsibility'))
        .then([versionSigned('main_responsibility')]);
    });

    it('records the document fully signed when the last required role signs', () => {
      given(drafted(), versionSigned('main_responsibility'))
        .when(signCommand('supervisory_responsibility'))
        .then([versionSigned('supervisory_responsibility'), fullySigned()]);
    });

    it('signs on the China Standard Time day of the command', () => {
      given(drafted())
        .when(signCommand('main_responsibility', {}, new Date('2024-05-31T16:30:00Z')))
        .then([versionSigned('main_responsibility', 1, HASH_1, undefined, '2024-06-01')]);
    });

    it('a signature on an earlier version does not count for a revision', () => {
      given(drafted(), versionSigned('main_responsibility'), revised(2, HASH_2))
        .when(signCommand('supervisory_responsibility', { version: 2, contentHash: HASH_2 }))
        .then([versionSigned('supervisory_responsibility', 2, HASH_2)]);
    });

    it('the revision is fully signed once every role signed it', () => {
      given(drafted(), versionSigned('main_responsibility'), revised(2, HASH_2), versionSigned('supervisory_responsibility', 2, HASH_2))
        .when(signCommand('main_responsibility', { version: 2, contentHash: HASH_2 }))
        .then([versionSigned('main_responsibility', 2, HASH_2), fullySigned(2, HASH_2)]);
    });

    it('DOCUMENT.NOT_FOUND: only a drafted document is signed', () => {
      given().when(signCommand('main_responsibility')).thenThrows('DOCUMENT.NOT_FOUND', 'not_found');
    });

    it('SIGNOFF.INVALID_ROLE: the role is a sign-off role', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { role: 'witness' }))
        .thenThrows('SIGNOFF.INVALID_ROLE');
    });

    it('SIGNOFF.ROLE_NOT_REQUIRED: only the roles the kind requires sign', () => {
      given(drafted()).when(signCommand('responsible_subject')).thenThrows('SIGNOFF.ROLE_NOT_REQUIRED');
    });

    it('SIGNOFF.VERSION_MISMATCH: a signature over an earlier version is refused', () => {
      const error = given(drafted(), revised(2, HASH_2))
        .when(signCommand('main_responsibility'))
        .thenThrows('SIGNOFF.VERSION_MISMATCH', 'conflict');
      expect(error.details).toEqual({ currentVersion: 2, currentContentHash: HASH_2 });
    });

    it('SIGNOFF.VERSION_MISMATCH: a signature over another hash of the current version is refused', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { contentHash: HASH_2 }))
        .thenThrows('SIGNOFF.VERSION_MISMATCH', 'conflict');
    });

    it('SIGNOFF.ALREADY_SIGNED: a role signs a version once', () => {
      given(drafted(), versionSigned('main_responsibility'))
        .when(signCommand('main_responsibility'))
        .thenThrows('SIGNOFF.ALREADY_SIGNED', 'conflict');
    });

    it('SIGNOFF.ALREADY_SIGNED: a fully signed version takes no more signatures', () => {
      given(drafted(), versionSigned('main_responsibility'), versionSigned('supervisory_responsibility'), fullySigned())
        .when(signCommand('supervisory_responsibility'))
        .thenThrows('SIGNOFF.ALREADY_SIGNED', 'conflict');
    });

    it('SIGNOFF.SIGNER_HAS_SIGNED: one person does not sign for two roles', () => {
      given(drafted(), versionSigned('main_responsibility'))
        .when(
          signCommand('supervisory_responsibility', {
            signerStaffNumber: LEADER,
            facts: factsFor(LEADER, { signerPosts: [{ unitCode: COMMISSION, post: 'commission_secretary' }] }),
          }),
        )
        .thenThrows('SIGNOFF.SIGNER_HAS_SIGNED', 'conflict');
    });

    it('SIGNOFF.INVALID_SIGNER: the signer is a staff number', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { signerStaffNumber: 'no spaces allowed' }))
        .thenThrows('SIGNOFF.INVALID_SIGNER');
    });

    it.each([undefined, '', '  \n'])('SIGNOFF.OPINION_REQUIRED: %p is no written review opinion', (opinion) => {
      given(drafted())
        .when(signCommand('main_responsibility', { opinion: opinion as string }))
        .thenThrows('SIGNOFF.OPINION_REQUIRED');
    });

    it('TEXT.NOT_CHINESE: the review opinion is written in Chinese', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { opinion: 'Agreed.' }))
        .thenThrows('TEXT.NOT_CHINESE');
    });

    it('TEXT.TOO_LONG: a review opinion has at most 2000 characters', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { opinion: '意'.repeat(2001) }))
        .thenThrows('TEXT.TOO_LONG');
    });

    it('TEXT.NATIONAL_ID_NOT_ALLOWED: a review opinion carries no national ID number', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { opinion: '同意，410102199003074511' }))
        .thenThrows('TEXT.NATIONAL_ID_NOT_ALLOWED');
    });

    it('SIGNOFF.INVALID_ALGORITHM: the algorithm is ed25519 or sm2', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { algorithm: 'rsa' }))
        .thenThrows('SIGNOFF.INVALID_ALGORITHM');
    });

    it('SIGNOFF.INVALID_FINGERPRINT: the key fingerprint is 64 lowercase hex characters', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { keyFingerprint: 'abc' }))
        .thenThrows('SIGNOFF.INVALID_FINGERPRINT');
    });

    it.each(['', 'zz'.repeat(64), 'ab'.repeat(63)])('SIGNOFF.BAD_SIGNATURE: %p is not a signature', (signature) => {
      given(drafted()).when(signCommand('main_responsibility', { signature })).thenThrows('SIGNOFF.BAD_SIGNATURE');
    });

    it('SIGNOFF.BAD_SIGNATURE: a signature that does not verify is refused and nothing is recorded', () => {
      given(drafted())
        .when(signCommand('main_responsibility', { facts: factsFor(LEADER, { signatureValid: false }) }))
        .thenThrows('SIGNOFF.BAD_SIGNATURE', 'invalid');
    });

    describe('SIGNOFF.KEY_NOT_VALID', () => {
      const key = factsFor(LEADER).key!;
      it.each([
        ['the signer has no key with that fingerprint', null],
        ['the key is registered to another person', { ...key, staffNumber: SECRETARY }],
        ['the key has another fingerprint', { ...key, fingerprint: fingerprintOf('X9') }],
        ['the key is of another algorithm', { ...key, algorithm: 'ed25519' }],
        ['the key is valid only from a later day', { ...key, validFrom: '2024-06-02' }],
        ['the key was revoked before the signing day', { ...key, revokedFrom: '2024-03-01' }],
        ['the key was revoked from the signing day', { ...key, revokedFrom: SIGNING_DAY }],
      ])('%s', (_case, keyFact) => {
        given(drafted())
          .when(signCommand('main_responsibility', { facts: factsFor(LEADER, { key: keyFact }) }))
          .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
      });

      it('does not apply to a key revoked only after the signing day', () => {
        given(drafted())
          .when(signCommand('main_responsibility', { facts: factsFor(LEADER, { key: { ...key, revokedFrom: '2024-06-02' } }) }))
          .then([versionSigned('main_responsibility')]);
      });
    });

    describe('SIGNOFF.SIGNER_NOT_ENTITLED', () => {
      it('the main-responsibility signer holds the principal leader post of the unit on the day', () => {
        given(drafted())
          .when(
            signCommand('main_responsibility', {
              facts: factsFor(LEADER, { signerPosts: [{ unitCode: UNIT, post: 'deputy_secretary' }] }),
            }),
          )
          .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
      });

      it('a principal leader of another unit is not entitled', () => {
        given(drafted())
          .when(
            signCommand('main_responsibility', {
              facts: factsFor(LEADER, { signerPosts: [{ unitCode: 'jj-pc', post: 'principal_leader' }] }),
            }),
          )
          .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
      });

      it('the supervisory signer heads the commission paired with the unit on the day', () => {
        given(drafted())
          .when(signCommand('supervisory_responsibility', { facts: factsFor(SECRETARY, { pairedCommissionCode: 'jj-dc' }) }))
          .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
      });

      it('nobody signs for the supervisory role while the unit has no paired commission', () => {
        given(drafted())
          .when(signCommand('supervisory_responsibility', { facts: factsFor(SECRETARY, { pairedCommissionCode: null }) }))
          .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
      });

      it('does not apply to the head of a paired discipline inspection group', () => {
        const signer = { staffNumber: SECRETARY, post: 'inspection_group_head', unitCode: 'jjz-1' };
        given(drafted())
          .when(
            signCommand('supervisory_responsibility', {
              facts: factsFor(SECRETARY, {
                pairedCommissionCode: 'jjz-1',
                signerPosts: [{ unitCode: 'jjz-1', post: 'inspection_group_head' }],
              }),
            }),
          )
          .then([versionSigned('supervisory_responsibility', 1, HASH_1, signer)]);
      });
    });
  });

  describe('the §8 reports', () => {
    it('a principal leader’s report is fully signed by the principal leader alone', () => {
      const report = drafted('main_responsibility_report');
      given(report)
        .when(signCommand('main_responsibility'))
        .then([
          versionSigned('main_responsibility'),
          {
            type: 'DocumentFullySigned',
            data: {
              documentId: DOC,
              kind: 'main_responsibility_report',
              unitCode: UNIT,
              year: 2024,
              version: 1,
              contentHash: HASH_1,
              signers: [{ role: 'main_responsibility', staffNumber: LEADER }],
              fullySignedOn: SIGNING_DAY,
            },
          },
        ]);
    });

    it('SIGNOFF.SIGNER_NOT_ENTITLED: a commission’s report is signed by the head of that commission', () => {
      const report = drafted('supervisory_responsibility_report', { unitCode: COMMISSION });
      given(report)
        .when(
          signCommand('supervisory_responsibility', {
            facts: factsFor(SECRETARY, { signerPosts: [{ unitCode: 'jj-dc', post: 'commission_secretary' }] }),
          }),
        )
        .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED');
      given(report)
        .when(signCommand('supervisory_responsibility'))
        .then([
          versionSigned('supervisory_responsibility'),
          {
            type: 'DocumentFullySigned',
            data: {
              documentId: DOC,
              kind: 'supervisory_responsibility_report',
              unitCode: COMMISSION,
              year: 2024,
              version: 1,
              contentHash: HASH_1,
              signers: [{ role: 'supervisory_responsibility', staffNumber: SECRETARY }],
              fullySignedOn: SIGNING_DAY,
            },
          },
        ]);
    });
  });
});
