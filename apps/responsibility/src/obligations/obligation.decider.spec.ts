import { deciderSpec, testMetadata } from '@app/domain/testing';
import { obligationColour } from './obligation-colour';
import type { ObligationCommand } from './obligation.commands';
import { obligationDecider, type OpenedObligationState } from './obligation.decider';
import type { ObligationEvent, ObligationFulfilled, ObligationOpened } from './obligation.events';

const ID = '5a0c2d7e-1b3f-5c4d-8e9f-0a1b2c3d4e5f';
const SUBJECT = 'dual_report:zy-pc:2024:main';
const KEY = { obligationId: ID, subject: SUBJECT, unitCode: 'zy-pc', dueOn: '2025-01-31' };

/** 10:00 CST on `day`. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);

function command<T extends ObligationCommand['type']>(
  type: T,
  data: Extract<ObligationCommand, { type: T }>['data'],
  day = '2025-01-02',
): ObligationCommand {
  return { type, data, metadata: testMetadata({ now: at(day) }) } as ObligationCommand;
}

const given = (...events: ObligationEvent[]) => deciderSpec(obligationDecider).given(events);

const openCommand = (overrides: Partial<Extract<ObligationCommand, { type: 'OpenObligation' }>['data']> = {}) =>
  command('OpenObligation', {
    obligationId: ID,
    subject: SUBJECT,
    unitCode: 'zy-pc',
    ruleName: 'dual_report.due',
    dueOn: '2025-01-31',
    warnFrom: '2025-01-24',
    ...overrides,
  });
const warn = (day: string) => command('WarnDueSoon', { obligationId: ID }, day);
const markOverdue = (day: string) => command('MarkOverdue', { obligationId: ID }, day);
const fulfil = (fulfilledOn: string, day = fulfilledOn, evidence = `${SUBJECT}#1`) =>
  command('FulfilObligation', { obligationId: ID, fulfilledOn, evidence }, day);

const opened = (): ObligationOpened => ({
  type: 'ObligationOpened',
  data: { ...KEY, ruleName: 'dual_report.due', warnFrom: '2025-01-24', openedOn: '2025-01-02' },
});
const warned = (warnedOn = '2025-01-24'): ObligationEvent => ({ type: 'ObligationDueSoonWarned', data: { ...KEY, warnedOn } });
const markedOverdue = (markedOn = '2025-02-01'): ObligationEvent => ({ type: 'ObligationMarkedOverdue', data: { ...KEY, markedOn } });
const fulfilled = (fulfilledOn: string, late: boolean): ObligationFulfilled => ({
  type: 'ObligationFulfilled',
  data: { ...KEY, fulfilledOn, late, evidence: `${SUBJECT}#1` },
});

describe('Obligation decider', () => {
  describe('opening', () => {
    it('opens an obligation on a subject with its due day, warning day and rule', () => {
      given().when(openCommand()).then([opened()]);
    });

    it('records nothing when the same obligation is opened again with the same terms', () => {
      given(opened()).when(openCommand()).thenNothing();
    });

    it('OBLIGATION.ALREADY_OPEN: an open obligation is not reopened with other terms', () => {
      given(opened())
        .when(openCommand({ dueOn: '2025-02-28' }))
        .thenThrows('OBLIGATION.ALREADY_OPEN', 'conflict');
    });

    it('OBLIGATION.INVALID_ID: the obligation id is a UUID', () => {
      given()
        .when(openCommand({ obligationId: 'dual-report' }))
        .thenThrows('OBLIGATION.INVALID_ID');
    });

    it.each(['', 'dual_report', 'Dual:x', 'dual_report:zy pc:2024', `dual_report:${'x'.repeat(200)}`])(
      'OBLIGATION.INVALID_SUBJECT: %p is not a subject reference',
      (subject) => {
        given().when(openCommand({ subject })).thenThrows('OBLIGATION.INVALID_SUBJECT');
      },
    );

    it('OBLIGATION.INVALID_UNIT_CODE: the unit is a unit code', () => {
      given()
        .when(openCommand({ unitCode: '' }))
        .thenThrows('OBLIGATION.INVALID_UNIT_CODE');
    });

    it('OBLIGATION.INVALID_RULE: the rule is named', () => {
      given()
        .when(openCommand({ ruleName: '' }))
        .thenThrows('OBLIGATION.INVALID_RULE');
    });

    it('DATE.INVALID: the due and warning days are calendar days', () => {
      given()
        .when(openCommand({ dueOn: '2025-02-30' }))
        .thenThrows('DATE.INVALID');
    });

    it('OBLIGATION.WARNING_AFTER_DUE: the warning starts no later than the due day', () => {
      given()
        .when(openCommand({ warnFrom: '2025-02-01' }))
        .thenThrows('OBLIGATION.WARNING_AFTER_DUE');
    });
  });

  describe('warning that it is due soon', () => {
    it('warns once from the warning day', () => {
      given(opened()).when(warn('2025-01-24')).then([warned()]);
    });

    it('a repeated warning records nothing', () => {
      given(opened(), warned()).when(warn('2025-01-25')).thenNothing();
    });

    it('records nothing once fulfilled or past the due day', () => {
      given(opened(), fulfilled('2025-01-10', false)).when(warn('2025-01-24')).thenNothing();
      given(opened()).when(warn('2025-02-01')).thenNothing();
    });

    it('OBLIGATION.NOT_DUE_SOON: no warning before the warning day', () => {
      given(opened()).when(warn('2025-01-23')).thenThrows('OBLIGATION.NOT_DUE_SOON', 'conflict');
    });

    it('OBLIGATION.NOT_FOUND: only an opened obligation is warned about', () => {
      given().when(warn('2025-01-24')).thenThrows('OBLIGATION.NOT_FOUND', 'not_found');
    });
  });

  describe('marking overdue', () => {
    it('marks overdue once the due day has passed in China Standard Time', () => {
      given(opened())
        .when({ type: 'MarkOverdue', data: { obligationId: ID }, metadata: testMetadata({ now: new Date('2025-01-31T16:00:00Z') }) })
        .then([markedOverdue('2025-02-01')]);
    });

    it('OBLIGATION.NOT_YET_OVERDUE: not on the due day itself, even late in the evening', () => {
      given(opened())
        .when({ type: 'MarkOverdue', data: { obligationId: ID }, metadata: testMetadata({ now: new Date('2025-01-31T15:59:59Z') }) })
        .thenThrows('OBLIGATION.NOT_YET_OVERDUE', 'conflict');
    });

    it('a repeated mark records nothing', () => {
      given(opened(), markedOverdue()).when(markOverdue('2025-02-02')).thenNothing();
    });

    it('records nothing once fulfilled', () => {
      given(opened(), fulfilled('2025-01-30', false)).when(markOverdue('2025-02-01')).thenNothing();
    });
  });

  describe('fulfilling', () => {
    it('records the obligation done on time up to the due day', () => {
      given(opened())
        .when(fulfil('2025-01-31'))
        .then([fulfilled('2025-01-31', false)]);
    });

    it('records the obligation done late after the due day', () => {
      given(opened(), markedOverdue())
        .when(fulfil('2025-02-03'))
        .then([fulfilled('2025-02-03', true)]);
    });

    it('a repeated fulfilment records nothing', () => {
      given(opened(), fulfilled('2025-01-20', false)).when(fulfil('2025-01-22')).thenNothing();
    });

    it('OBLIGATION.FULFILLED_IN_FUTURE: fulfilment is recorded on or after the day it happened', () => {
      given(opened()).when(fulfil('2025-01-21', '2025-01-20')).thenThrows('OBLIGATION.FULFILLED_IN_FUTURE');
    });

    it('OBLIGATION.EVIDENCE_REQUIRED: fulfilment names what fulfilled it', () => {
      given(opened())
        .when(fulfil('2025-01-20', '2025-01-20', ' '))
        .thenThrows('OBLIGATION.EVIDENCE_REQUIRED');
    });
  });

  describe('status colour', () => {
    const state = (...events: ObligationEvent[]) => given(...events).state as OpenedObligationState;

    it.each([
      ['2025-01-23', 'on_track'],
      ['2025-01-24', 'due_soon'],
      ['2025-01-31', 'due_soon'],
      ['2025-02-01', 'overdue'],
    ])('an unfulfilled obligation on %s is %s, with or without the scheduler’s marks', (today, colour) => {
      expect(obligationColour(state(opened()), today)).toBe(colour);
      expect(obligationColour(state(opened(), warned(), markedOverdue()), today)).toBe(colour);
    });

    it('a fulfilled obligation is done, or done late when fulfilled after the due day', () => {
      expect(obligationColour(state(opened(), fulfilled('2025-01-31', false)), '2025-03-01')).toBe('done');
      expect(obligationColour(state(opened(), markedOverdue(), fulfilled('2025-02-02', true)), '2025-03-01')).toBe('done_late');
    });
  });
});
