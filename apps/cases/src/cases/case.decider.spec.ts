import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent, CaseFinding } from './case.events';
import type { HandlingActor } from './handling-actor';
import type { PreliminaryCheckCommand } from './preliminary-check.commands';
import { preliminaryCheckDecider } from './preliminary-check.decider';
import type { PreliminaryCheckEvent } from './preliminary-check.events';

const checkId = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const clueId = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const caseId = '1b2c3d4e-5f60-4a6b-8c7d-8e9f0a1b2c3d';
const inquiryId = '2c3d4e5f-6071-4a6b-8c7d-8e9f0a1b2c3d';
const subjects = [{ staffNumber: 'S-CHIEF', unitCode: 'JS-EDU' }];
const office: HandlingActor = { staffNumber: 'S-OFFICE', roles: ['commission_office'] };
const secretary: HandlingActor = { staffNumber: 'S-SEC', roles: ['secretary'] };
const metadata = testMetadata({ now: new Date('2024-06-20T02:00:00Z') });

describe('preliminary check decider', () => {
  const spec = deciderSpec(preliminaryCheckDecider);
  const cmd = <T extends PreliminaryCheckCommand['type']>(type: T, data: Extract<PreliminaryCheckCommand, { type: T }>['data']) =>
    ({ type, data, metadata }) as PreliminaryCheckCommand;
  const open = cmd('OpenPreliminaryCheck', { checkId, commission: 'JW-JS', clueId, inquiryId, subjects, openedOn: '2024-06-01' });
  const opened: PreliminaryCheckEvent = {
    type: 'PreliminaryCheckOpened',
    data: { checkId, commission: 'JW-JS', clueId, inquiryId, subjects, openedOn: '2024-06-01' },
  };
  const conclude = (decision: string, actor: HandlingActor = office) =>
    cmd('ConcludePreliminaryCheck', { checkId, decision, reason: '经初步核实，问题属实', caseId, actor });

  it('opens once for a clue or an escalated inquiry; opening again records nothing', () => {
    spec.given([]).when(open).then([opened]);
    spec.given([opened]).when(open).thenNothing();
    spec
      .given([opened])
      .when(cmd('OpenPreliminaryCheck', { checkId, commission: 'JW-JS', clueId, inquiryId: null, subjects, openedOn: '2024-06-01' }))
      .thenThrows('PRELIMINARY_CHECK.ALREADY_OPENED', 'conflict');
  });

  it('needs a subject', () => {
    spec
      .given([])
      .when(cmd('OpenPreliminaryCheck', { checkId, commission: 'JW-JS', clueId, inquiryId: null, subjects: [], openedOn: '2024-06-01' }))
      .thenThrows('CASE.NO_SUBJECTS');
  });

  it('concludes by opening a case (立案) with the case’s id, or by closing', () => {
    const concluded = (decision: 'open_case' | 'close', by = 'S-OFFICE'): PreliminaryCheckEvent => ({
      type: 'PreliminaryCheckConcluded',
      data: {
        checkId,
        commission: 'JW-JS',
        clueId,
        decision,
        caseId: decision === 'open_case' ? caseId : null,
        reason: '经初步核实，问题属实',
        concludedOn: '2024-06-20',
        by,
      },
    });
    spec
      .given([opened])
      .when(conclude('open_case'))
      .then([concluded('open_case')]);
    spec
      .given([opened])
      .when(conclude('close', secretary))
      .then([concluded('close', 'S-SEC')]);
    spec
      .given([opened, concluded('close')])
      .when(conclude('close'))
      .thenThrows('PRELIMINARY_CHECK.CONCLUDED', 'conflict');
  });

  it('is decided by the commission, never by a subject, and only open_case or close', () => {
    spec
      .given([opened])
      .when(conclude('open_case', { staffNumber: 'S-X', roles: [] }))
      .thenThrows('CASE.NOT_HANDLING', 'forbidden');
    spec
      .given([opened])
      .when(conclude('open_case', { staffNumber: 'S-CHIEF', roles: ['commission_office'] }))
      .thenThrows('CASE.SUBJECT_ACTING', 'forbidden');
    spec.given([opened]).when(conclude('hold')).thenThrows('PRELIMINARY_CHECK.INVALID_DECISION');
    spec.given([]).when(conclude('close')).thenThrows('PRELIMINARY_CHECK.NOT_FOUND', 'not_found');
  });
});

describe('case decider', () => {
  const spec = deciderSpec(caseDecider);
  const cmd = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data']) =>
    ({ type, data, metadata }) as CaseCommand;
  const open = cmd('OpenCase', { caseId, commission: 'JW-JS', subjects, openedOn: '2024-06-10', clueId, preliminaryCheckId: checkId });
  const opened: CaseEvent = {
    type: 'CaseOpened',
    data: { caseId, commission: 'JW-JS', subjects, openedOn: '2024-06-10', clueId, preliminaryCheckId: checkId },
  };
  const finding: CaseFinding = { unitCode: 'JS-EDU', staffNumbers: ['S-CHIEF'], periodFrom: '2022-01-01', periodTo: '2023-12-31' };
  const conclude = (findings: readonly CaseFinding[] = [finding], actor: HandlingActor = office) =>
    cmd('ConcludeCase', { caseId, findings, actor });
  const concluded: CaseEvent = {
    type: 'CaseConcluded',
    data: { caseId, commission: 'JW-JS', concludedOn: '2024-06-20', findings: [finding] },
  };

  it('opens once from its check; opening again records nothing, from another check is a conflict', () => {
    spec.given([]).when(open).then([opened]);
    spec.given([opened]).when(open).thenNothing();
    spec
      .given([opened])
      .when(cmd('OpenCase', { caseId, commission: 'JW-JS', subjects, openedOn: '2024-06-10', clueId, preliminaryCheckId: null }))
      .thenThrows('CASE.ALREADY_OPENED', 'conflict');
  });

  it('concludes with its findings: the unit, the persons, the period of the conduct', () => {
    spec.given([opened]).when(conclude()).then([concluded]);
  });

  it('a decision on a concluded case is a conflict: concluding twice, or with findings added after', () => {
    spec.given([opened, concluded]).when(conclude()).thenThrows('CASE.CONCLUDED', 'conflict');
    spec
      .given([opened, concluded])
      .when(conclude([finding, { ...finding, unitCode: 'JS-FIN' }]))
      .thenThrows('CASE.CONCLUDED', 'conflict');
  });

  it('refuses a finding without a person, a period that ends before it starts or after today, and two findings for one unit', () => {
    spec
      .given([opened])
      .when(conclude([{ ...finding, staffNumbers: [] }]))
      .thenThrows('CASE.FINDING_WITHOUT_PERSON');
    spec
      .given([opened])
      .when(conclude([{ ...finding, periodFrom: '2024-01-01' }]))
      .thenThrows('CASE.INVALID_PERIOD');
    spec
      .given([opened])
      .when(conclude([{ ...finding, periodTo: '2024-06-21' }]))
      .thenThrows('CASE.PERIOD_IN_FUTURE');
    spec
      .given([opened])
      .when(conclude([finding, finding]))
      .thenThrows('CASE.DUPLICATE_UNIT');
  });

  it('is concluded by the commission, never by a subject; an unknown case is not found', () => {
    spec
      .given([opened])
      .when(conclude([finding], { staffNumber: 'S-X', roles: [] }))
      .thenThrows('CASE.NOT_HANDLING', 'forbidden');
    spec
      .given([opened])
      .when(conclude([finding], { staffNumber: 'S-CHIEF', roles: ['secretary'] }))
      .thenThrows('CASE.SUBJECT_ACTING', 'forbidden');
    spec.given([]).when(conclude()).thenThrows('CASE.NOT_FOUND', 'not_found');
  });
});
