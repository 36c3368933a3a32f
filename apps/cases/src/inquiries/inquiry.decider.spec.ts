import { NATIONAL, NATIONAL_DEFAULT_RULES, RULE_NAMES, RuleBook } from '@app/deadlines';
import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { HandlingActor } from '../cases/handling-actor';
import type { EndorsementFacts, InquiryCommand, RecordInquiryReply } from './inquiry.commands';
import { inquiryDecider } from './inquiry.decider';
import type { InquiryEvent, InquiryReplyReceived } from './inquiry.events';

const replyRule = new RuleBook(NATIONAL_DEFAULT_RULES).resolve(RULE_NAMES.letterInquiryReply, [NATIONAL], '2024-05-27');
const inquiryId = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const clueId = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const respondent = { staffNumber: 'S-CHIEF', unitCode: 'JS-EDU' };
const office: HandlingActor = { staffNumber: 'S-OFFICE', roles: ['commission_office'] };
const stranger: HandlingActor = { staffNumber: 'S-OTHER', roles: [] };
const LEADER = 'S-LEADER';
const FINGERPRINT = 'f'.repeat(64);
const HASH = 'a'.repeat(64);
const SIGNATURE = 'ab'.repeat(64);
/** 2024-06-20 10:00 CST. */
const now = new Date('2024-06-20T02:00:00Z');
const command = <T extends InquiryCommand['type']>(type: T, data: Extract<InquiryCommand, { type: T }>['data'], at = now): InquiryCommand =>
  ({ type, data, metadata: testMetadata({ now: at }) }) as InquiryCommand;

const opened: InquiryEvent = {
  type: 'InquiryOpened',
  data: { inquiryId, commission: 'JW-JS', clueId, respondent, openedOn: '2024-05-27' },
};
// 15 working days from Monday 2024-05-27, with the Dragon Boat holiday on 2024-06-10: 2024-06-18.
const letterSent: InquiryEvent = {
  type: 'InquiryLetterSent',
  data: { inquiryId, commission: 'JW-JS', sentOn: '2024-05-27', replyDueOn: '2024-06-18', by: 'S-OFFICE' },
};
const facts = (overrides: Partial<EndorsementFacts> = {}): EndorsementFacts => ({
  key: { staffNumber: LEADER, algorithm: 'sm2', fingerprint: FINGERPRINT, validFrom: '2020-01-01' },
  signatureValid: true,
  endorser: { staffNumber: LEADER, committeeCode: 'JS-PC' },
  ...overrides,
});
const reply = (overrides: Partial<RecordInquiryReply['data']> = {}): InquiryCommand =>
  command('RecordInquiryReply', {
    inquiryId,
    version: 1,
    content: { title: '关于有关问题的说明', body: '本人已如实说明情况。' },
    contentHash: HASH,
    signerStaffNumber: LEADER,
    opinion: '情况属实，同意上报。',
    algorithm: 'sm2',
    keyFingerprint: FINGERPRINT,
    signature: SIGNATURE,
    facts: facts(),
    actor: { staffNumber: 'S-CHIEF', roles: [] },
    ...overrides,
  });
const replied = (version = 1, late = true): InquiryReplyReceived => ({
  type: 'InquiryReplyReceived',
  data: {
    inquiryId,
    commission: 'JW-JS',
    version,
    content: { title: '关于有关问题的说明', body: '本人已如实说明情况。' },
    contentHash: HASH,
    receivedOn: '2024-06-20',
    late,
    signerStaffNumber: LEADER,
    signerCommitteeCode: 'JS-PC',
    opinion: '情况属实，同意上报。',
    algorithm: 'sm2',
    keyFingerprint: FINGERPRINT,
    signature: SIGNATURE,
    statementFormat: 'signoff/v1',
    signedOn: '2024-06-20',
  },
});
const outcome = (value: string, actor = office): InquiryCommand =>
  command('DecideInquiryOutcome', { inquiryId, outcome: value, reason: '经研判', actor });
const spec = deciderSpec(inquiryDecider);

describe('letter inquiry decider', () => {
  describe('opening, from a clue’s disposal', () => {
    const open = command('OpenInquiry', { inquiryId, commission: 'JW-JS', clueId, respondent, openedOn: '2024-05-27' });

    it('opens an inquiry of the respondent, and opening it again records nothing', () => {
      spec.given([]).when(open).then([opened]);
      spec.given([opened]).when(open).thenNothing();
    });

    it('refuses the same id for another clue', () => {
      spec
        .given([opened])
        .when(command('OpenInquiry', { inquiryId, commission: 'JW-JS', clueId: inquiryId, respondent, openedOn: '2024-05-27' }))
        .thenThrows('INQUIRY.ALREADY_OPENED', 'conflict');
    });
  });

  describe('the letter', () => {
    const send = (sentOn = '2024-05-27', actor = office) => command('SendInquiryLetter', { inquiryId, sentOn, replyRule, actor });

    it('makes the reply due 15 working days after it is sent (rule letter_inquiry.reply)', () => {
      spec.given([opened]).when(send()).then([letterSent]);
    });

    it('is sent once: the same day again records nothing, another day is a conflict', () => {
      spec.given([opened, letterSent]).when(send()).thenNothing();
      spec.given([opened, letterSent]).when(send('2024-05-28')).thenThrows('INQUIRY.LETTER_ALREADY_SENT', 'conflict');
    });

    it('is the commission’s: nobody else, and never the respondent', () => {
      spec.given([opened]).when(send('2024-05-27', stranger)).thenThrows('CASE.NOT_HANDLING', 'forbidden');
      spec
        .given([opened])
        .when(send('2024-05-27', { staffNumber: 'S-CHIEF', roles: ['commission_office'] }))
        .thenThrows('CASE.SUBJECT_ACTING', 'forbidden');
    });

    it('refuses a day in the future or before the inquiry was opened', () => {
      spec.given([opened]).when(send('2024-06-21')).thenThrows('INQUIRY.SENT_IN_FUTURE');
      spec.given([opened]).when(send('2024-05-26')).thenThrows('INQUIRY.SENT_BEFORE_OPENED');
    });
  });

  describe('the signed reply', () => {
    it('records version 1 endorsed by the principal leader of the respondent’s Party committee, late after the due day', () => {
      spec.given([opened, letterSent]).when(reply()).then([replied()]);
    });

    it('is on time up to the due day', () => {
      spec
        .given([opened, letterSent])
        .when({ ...reply(), metadata: testMetadata({ now: new Date('2024-06-18T02:00:00Z') }) })
        .then([{ ...replied(), data: { ...replied().data, receivedOn: '2024-06-18', signedOn: '2024-06-18', late: false } }]);
    });

    it('takes a further reply as the next version, and refuses a stale version', () => {
      spec
        .given([opened, letterSent, replied()])
        .when(reply({ version: 2 }))
        .then([replied(2)]);
      spec.given([opened, letterSent, replied()]).when(reply()).thenThrows('INQUIRY.STALE_REPLY_VERSION', 'conflict');
    });

    it('refuses a signer who was not the principal leader of the respondent’s committee that day', () => {
      spec
        .given([opened, letterSent])
        .when(reply({ facts: facts({ endorser: { staffNumber: 'S-OTHER-LEADER', committeeCode: 'JS-PC' } }) }))
        .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
      spec
        .given([opened, letterSent])
        .when(reply({ facts: facts({ endorser: null }) }))
        .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
    });

    it('refuses a signature that does not verify, a malformed one, and a key not valid on the signing day', () => {
      spec
        .given([opened, letterSent])
        .when(reply({ facts: facts({ signatureValid: false }) }))
        .thenThrows('SIGNOFF.BAD_SIGNATURE', 'invalid');
      spec
        .given([opened, letterSent])
        .when(reply({ signature: 'ab' }))
        .thenThrows('SIGNOFF.BAD_SIGNATURE', 'invalid');
      spec
        .given([opened, letterSent])
        .when(reply({ facts: facts({ key: { ...facts().key!, revokedFrom: '2024-06-01' } }) }))
        .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
      spec
        .given([opened, letterSent])
        .when(reply({ facts: facts({ key: null }) }))
        .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
    });

    it('needs the letter sent first, and exact content', () => {
      spec.given([opened]).when(reply()).thenThrows('INQUIRY.LETTER_NOT_SENT', 'conflict');
      spec
        .given([opened, letterSent])
        .when(reply({ content: { title: '说明', body: '内容', extra: 1 } }))
        .thenThrows('INQUIRY.UNKNOWN_CONTENT_FIELD');
      spec
        .given([opened, letterSent])
        .when(reply({ content: { title: ' 说明', body: '内容' } }))
        .thenThrows('INQUIRY.CONTENT_NOT_EXACT');
    });

    it('is sent by the commission, the respondent or the signer; nobody else', () => {
      spec
        .given([opened, letterSent])
        .when(reply({ actor: stranger }))
        .thenThrows('INQUIRY.NOT_PARTY', 'forbidden');
      spec
        .given([opened, letterSent])
        .when(reply({ actor: { staffNumber: LEADER, roles: [] } }))
        .then([replied()]);
    });
  });

  describe('the outcome', () => {
    it('judges a signed reply: close, reminder, education or admonishment', () => {
      for (const value of ['close', 'reminder', 'education', 'admonishment'] as const) {
        spec
          .given([opened, letterSent, replied()])
          .when(outcome(value))
          .then([
            {
              type: 'InquiryConcluded',
              data: {
                inquiryId,
                commission: 'JW-JS',
                clueId,
                respondent,
                outcome: value,
                reason: '经研判',
                concludedOn: '2024-06-20',
                by: 'S-OFFICE',
              },
            },
          ]);
      }
    });

    it('without a reply can only escalate to a preliminary check', () => {
      spec.given([opened, letterSent]).when(outcome('close')).thenThrows('INQUIRY.NO_REPLY', 'conflict');
      spec
        .given([opened, letterSent])
        .when(outcome('escalate'))
        .then([
          {
            type: 'InquiryConcluded',
            data: {
              inquiryId,
              commission: 'JW-JS',
              clueId,
              respondent,
              outcome: 'escalate',
              reason: '经研判',
              concludedOn: '2024-06-20',
              by: 'S-OFFICE',
            },
          },
        ]);
    });

    it('is decided once: any decision after it, and a reply after it, is a conflict', () => {
      const concluded: InquiryEvent = {
        type: 'InquiryConcluded',
        data: {
          inquiryId,
          commission: 'JW-JS',
          clueId,
          respondent,
          outcome: 'close',
          reason: '经研判',
          concludedOn: '2024-06-20',
          by: 'S-OFFICE',
        },
      };
      spec.given([opened, letterSent, replied(), concluded]).when(outcome('close')).thenThrows('INQUIRY.CONCLUDED', 'conflict');
      spec
        .given([opened, letterSent, replied(), concluded])
        .when(reply({ version: 2 }))
        .thenThrows('INQUIRY.CONCLUDED', 'conflict');
    });

    it('refuses outcomes outside the five and one without a letter', () => {
      spec.given([opened, letterSent, replied()]).when(outcome('sanction')).thenThrows('INQUIRY.INVALID_OUTCOME');
      spec.given([opened]).when(outcome('escalate')).thenThrows('INQUIRY.LETTER_NOT_SENT', 'conflict');
    });
  });

  describe('the overdue reply', () => {
    const mark = (at = now) => command('MarkInquiryReplyOverdue', { inquiryId }, at);

    it('is recorded once, the day after the due day, while no reply has come', () => {
      const overdue: InquiryEvent = {
        type: 'InquiryReplyOverdue',
        data: { inquiryId, commission: 'JW-JS', dueOn: '2024-06-18', markedOn: '2024-06-20' },
      };
      spec.given([opened, letterSent]).when(mark()).then([overdue]);
      spec.given([opened, letterSent, overdue]).when(mark()).thenNothing();
    });

    it('is not recorded on the due day, after a reply, or before a letter', () => {
      spec
        .given([opened, letterSent])
        .when(mark(new Date('2024-06-18T02:00:00Z')))
        .thenNothing();
      spec.given([opened, letterSent, replied()]).when(mark()).thenNothing();
      spec.given([opened]).when(mark()).thenNothing();
    });
  });
});
