import { deciderSpec } from '@app/domain/testing';
import type { DocumentCommand } from '../documents/document.commands';
import { documentDecider } from '../documents/document.decider';
import type { DocumentEvent } from '../documents/document.events';
import {
  DEPARTMENT,
  DOC,
  documentCommand,
  drafted,
  factsFor,
  HASH_1,
  HEAD,
  LEADER,
  LETTER_CONTENT,
  signCommand,
  SIGNING_DAY,
  UNIT,
  versionSigned,
} from '../documents/testing/document-fixtures';
import { MAX_LETTER_ITEMS } from './letter-content';

const given = (...events: DocumentEvent[]) => deciderSpec(documentDecider).given(events);

const draftLetter = (data: Partial<Extract<DocumentCommand, { type: 'DraftDocument' }>['data']> = {}) =>
  documentCommand('DraftDocument', {
    documentId: DOC,
    kind: 'responsibility_letter',
    unitCode: UNIT,
    year: 2024,
    counterpartyUnitCode: DEPARTMENT,
    content: LETTER_CONTENT,
    contentHash: HASH_1,
    ...data,
  });
const withItems = (items: unknown) => draftLetter({ content: { title: '责任书', items } });

describe('Responsibility letters (责任书)', () => {
  describe('drafting', () => {
    it('records a letter between the issuing unit and the other party, with its items', () => {
      given()
        .when(draftLetter())
        .then([drafted('responsibility_letter')]);
    });

    it('DOCUMENT.COUNTERPARTY_REQUIRED: a letter names the other party', () => {
      given()
        .when(draftLetter({ counterpartyUnitCode: undefined }))
        .thenThrows('DOCUMENT.COUNTERPARTY_REQUIRED');
    });

    it('DOCUMENT.COUNTERPARTY_IS_SELF: a unit does not make a letter with itself', () => {
      given()
        .when(draftLetter({ counterpartyUnitCode: UNIT }))
        .thenThrows('DOCUMENT.COUNTERPARTY_IS_SELF');
    });

    it.each([undefined, []])('LETTER.NO_ITEMS: a letter has at least one item (%p)', (items) => {
      given().when(withItems(items)).thenThrows('LETTER.NO_ITEMS');
    });

    it('LETTER.TOO_MANY_ITEMS: a letter has at most 100 items', () => {
      const items = Array.from({ length: MAX_LETTER_ITEMS + 1 }, () => ({ text: '事项', deadline: '2024-12-31' }));
      given().when(withItems(items)).thenThrows('LETTER.TOO_MANY_ITEMS');
    });

    it.each([['事项'], [{ text: '事项', deadline: '2024-12-31', owner: 'S001' }]])('LETTER.INVALID_ITEM: %p is not an item', (item) => {
      given()
        .when(withItems([item]))
        .thenThrows('LETTER.INVALID_ITEM');
    });

    it('LETTER.ITEM_TEXT_REQUIRED: each item says what is to be done', () => {
      given()
        .when(withItems([{ text: ' ', deadline: '2024-12-31' }]))
        .thenThrows('LETTER.ITEM_TEXT_REQUIRED');
    });

    it.each([undefined, '2024-13-01', '2024/12/31'])('DATE.INVALID: each item has a deadline day (%p)', (deadline) => {
      given()
        .when(withItems([{ text: '事项', deadline }]))
        .thenThrows('DATE.INVALID');
    });

    it('TEXT.NATIONAL_ID_NOT_ALLOWED: an item carries no national ID number', () => {
      given()
        .when(withItems([{ text: '联系人 410102199003074511', deadline: '2024-12-31' }]))
        .thenThrows('TEXT.NATIONAL_ID_NOT_ALLOWED');
    });
  });

  describe('signing', () => {
    it('one party’s signature does not make the letter take effect', () => {
      given(drafted('responsibility_letter'))
        .when(signCommand('main_responsibility'))
        .then([versionSigned('main_responsibility')]);
    });

    it('takes effect when both parties have signed, carrying the numbered items', () => {
      given(drafted('responsibility_letter'), versionSigned('main_responsibility'))
        .when(signCommand('responsible_subject'))
        .then([
          versionSigned('responsible_subject'),
          {
            type: 'DocumentFullySigned',
            data: {
              documentId: DOC,
              kind: 'responsibility_letter',
              unitCode: UNIT,
              year: 2024,
              version: 1,
              contentHash: HASH_1,
              signers: [
                { role: 'main_responsibility', staffNumber: LEADER },
                { role: 'responsible_subject', staffNumber: HEAD },
              ],
              fullySignedOn: SIGNING_DAY,
            },
          },
          {
            type: 'LetterTookEffect',
            data: {
              documentId: DOC,
              year: 2024,
              issuerUnitCode: UNIT,
              recipientUnitCode: DEPARTMENT,
              version: 1,
              contentHash: HASH_1,
              title: '2024年度党风廉政建设责任书',
              items: [
                { itemNo: 1, text: '年内召开党风廉政建设专题会议不少于两次', deadline: '2024-12-31' },
                { itemNo: 2, text: '对班子成员开展廉政谈话', deadline: '2024-09-30' },
              ],
              effectiveOn: SIGNING_DAY,
            },
          },
        ]);
    });

    it('SIGNOFF.SIGNER_NOT_ENTITLED: the other party signs by a head post of the other party’s unit', () => {
      given(drafted('responsibility_letter'))
        .when(
          signCommand('responsible_subject', { facts: factsFor(HEAD, { signerPosts: [{ unitCode: DEPARTMENT, post: 'team_member' }] }) }),
        )
        .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
    });

    it('SIGNOFF.ROLE_NOT_REQUIRED: a letter has no supervisory signer', () => {
      given(drafted('responsibility_letter')).when(signCommand('supervisory_responsibility')).thenThrows('SIGNOFF.ROLE_NOT_REQUIRED');
    });
  });
});
