import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { ClueDisposalApproved } from '../clues/clue.events';
import type { DualReportActor, DualReportCommand, OpenDualReport } from './dual-report.commands';
import { dualReportDecider, nextAcknowledgementDeadline } from './dual-report.decider';
import type { DualReportEvent, DualReportOpened } from './dual-report.events';
import { DUAL_REPORT_ACKNOWLEDGEMENT_RULE } from './dual-report.rules';
import { DUAL_REPORT_TRIGGERS } from './dual-report.triggers';

const reportId = '5b1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const clueId = '7a1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const metadata = testMetadata({ now: new Date('2026-03-20T02:00:00Z') });
const recipients = [
  { role: 'same_level_committee', unitCode: 'JS' },
  { role: 'higher_commission', unitCode: 'ZZ-JW' },
] as const;

const opening = (overrides: Partial<OpenDualReport['data']> = {}): DualReportCommand => ({
  type: 'OpenDualReport',
  data: {
    reportId,
    matter: 'clue_disposal',
    matterId: clueId,
    commission: 'JS-JW',
    decidedOn: '2026-03-20',
    trigger: { type: 'ClueDisposalApproved', eventId: 'e-1' },
    recipients,
    unresolved: [],
    acknowledgementRule: DUAL_REPORT_ACKNOWLEDGEMENT_RULE,
    ...overrides,
  },
  metadata,
});
const opened: DualReportOpened = {
  type: 'DualReportOpened',
  data: {
    reportId,
    matter: 'clue_disposal',
    matterId: clueId,
    commission: 'JS-JW',
    decidedOn: '2026-03-20',
    trigger: { type: 'ClueDisposalApproved', eventId: 'e-1' },
    recipients,
    unresolved: [],
    reportedOn: '2026-03-20',
    // 10 working days from Friday 20 March 2026.
    acknowledgementDueOn: '2026-04-03',
  },
};
const acknowledge = (recipient: string, actor: DualReportActor, now = '2026-03-23T02:00:00Z'): DualReportCommand => ({
  type: 'AcknowledgeDualReport',
  data: { reportId, recipient, actor },
  metadata: testMetadata({ now: new Date(now) }),
});
const acknowledged = (
  recipient: string,
  role: 'same_level_committee' | 'higher_commission',
  on = '2026-03-23',
  late = false,
): DualReportEvent => ({
  type: 'DualReportAcknowledged',
  data: { reportId, commission: 'JS-JW', recipient, role, acknowledgedOn: on, by: 'S-CLERK', late },
});
const clerkOf = (...units: string[]): DualReportActor => ({ staffNumber: 'S-CLERK', units });
const mark = (now: string): DualReportCommand => ({
  type: 'MarkDualReportOverdue',
  data: { reportId },
  metadata: testMetadata({ now: new Date(now) }),
});
const spec = deciderSpec(dualReportDecider);

describe('dual report decider', () => {
  it('opens a report to the same-level committee and the higher commission, acknowledgement due in 10 working days (invented parameter); once', () => {
    spec.given([]).when(opening()).then([opened]);
    spec.given([opened]).when(opening()).then([]);
  });

  it('opens with the recipients the registry had, naming the missing one; refuses none at all', () => {
    spec
      .given([])
      .when(opening({ recipients: [recipients[0]], unresolved: ['higher_commission'] }))
      .then([{ ...opened, data: { ...opened.data, recipients: [recipients[0]], unresolved: ['higher_commission'] } }]);
    spec
      .given([])
      .when(opening({ recipients: [], unresolved: ['same_level_committee', 'higher_commission'] }))
      .thenThrows('DUAL_REPORT.NO_RECIPIENT', 'invalid');
  });

  it('each recipient acknowledges through a person acting for it; again changes nothing; both make it acknowledged', () => {
    spec
      .given([opened])
      .when(acknowledge('JS', clerkOf('JS')))
      .then([acknowledged('JS', 'same_level_committee')]);
    spec
      .given([opened, acknowledged('JS', 'same_level_committee')])
      .when(acknowledge('JS', clerkOf('JS')))
      .then([]);
    const state = spec
      .given([opened, acknowledged('JS', 'same_level_committee')])
      .when(acknowledge('ZZ-JW', clerkOf('ZZ-JW'), '2026-04-07T02:00:00Z'))
      .then([acknowledged('ZZ-JW', 'higher_commission', '2026-04-07', true)]);
    expect(state.status).toBe('acknowledged');
  });

  it('refuses someone not acting for the recipient, a unit that is no recipient, an unknown report', () => {
    spec
      .given([opened])
      .when(acknowledge('JS', clerkOf('ZZ-JW')))
      .thenThrows('DUAL_REPORT.NOT_FOR_RECIPIENT', 'forbidden');
    spec
      .given([opened])
      .when(acknowledge('XZ', clerkOf('XZ')))
      .thenThrows('DUAL_REPORT.NOT_A_RECIPIENT', 'invalid');
    spec
      .given([])
      .when(acknowledge('JS', clerkOf('JS')))
      .thenThrows('DUAL_REPORT.NOT_FOUND', 'not_found');
  });

  it('records each missing acknowledgement overdue once, from the day after the due day', () => {
    spec.given([opened]).when(mark('2026-04-03T02:00:00Z')).then([]);
    const overdue: DualReportEvent = {
      type: 'DualReportAcknowledgementOverdue',
      data: { reportId, commission: 'JS-JW', recipient: 'ZZ-JW', role: 'higher_commission', dueOn: '2026-04-03', markedOn: '2026-04-04' },
    };
    const state = spec
      .given([opened, acknowledged('JS', 'same_level_committee')])
      .when(mark('2026-04-04T02:00:00Z'))
      .then([overdue]);
    expect(nextAcknowledgementDeadline(state)).toBeNull();
    spec
      .given([opened, acknowledged('JS', 'same_level_committee'), overdue])
      .when(mark('2026-04-10T02:00:00Z'))
      .then([]);
  });

  it('a clue disposal is a trigger, reported as of its approval day', () => {
    const approved: ClueDisposalApproved['data'] = {
      clueId,
      commission: 'JS-JW',
      method: 'inquiry',
      subjects: [{ staffNumber: 'S-1', unitCode: 'XZ' }],
      approvedOn: '2026-03-20',
      approvedBy: 'S-SEC',
    };
    const trigger = DUAL_REPORT_TRIGGERS.ClueDisposalApproved;
    expect(trigger.matter).toBe('clue_disposal');
    expect(trigger.of(approved as never)).toEqual({ matterId: clueId, commission: 'JS-JW', decidedOn: '2026-03-20' });
  });
});
