import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { AccountabilityActor, DecideAccountability, DecisionBasis, ImposeSanction } from './accountability.commands';
import { accountabilityDecider, impactOf } from './accountability.decider';
import type { AccountabilityDecided, SanctionImposed } from './accountability.events';
import { ACCOUNTABILITY_RULES } from './accountability-rules';
import {
  caseAccountabilityDecider,
  reviewMattersDecider,
  type CloseCaseAccountability,
  type OpenAccountabilityMatters,
} from './accountability-review.decider';

const spec = deciderSpec(accountabilityDecider);
const DECISION = '11111111-1111-4111-8111-111111111111';
const CASE = '22222222-2222-4222-8222-222222222222';
const MATTER = '33333333-3333-4333-8333-333333333333';
const officer: AccountabilityActor = { staffNumber: 'S-OFF', actsForCommission: true };
const at = (day: string) => testMetadata({ now: new Date(`${day}T04:00:00Z`) });
const formalitiesRule = ACCOUNTABILITY_RULES[0];
const appealRule = ACCOUNTABILITY_RULES[1];

const concludedCase: DecisionBasis = { kind: 'case', caseId: CASE, status: 'concluded', commission: 'JS-JW' };

function decide(overrides: Partial<DecideAccountability['data']> = {}, day = '2026-03-20'): DecideAccountability {
  return {
    type: 'DecideAccountability',
    data: {
      decisionId: DECISION,
      commission: 'JS-JW',
      basis: concludedCase,
      target: { kind: 'cadre', unitCode: 'JS-EDU', staffNumber: 'S-0001' },
      measures: ['disciplinary_sanction', 'admonishment'],
      typical: true,
      decidedOn: '2026-03-10',
      formalitiesRule,
      appealRule,
      actor: officer,
      ...overrides,
    },
    metadata: at(day),
  };
}

const decided: AccountabilityDecided = {
  type: 'AccountabilityDecided',
  data: {
    decisionId: DECISION,
    commission: 'JS-JW',
    caseId: CASE,
    matterId: null,
    target: { kind: 'cadre', unitCode: 'JS-EDU', staffNumber: 'S-0001' },
    measures: ['admonishment', 'disciplinary_sanction'],
    adjustment: null,
    typical: true,
    decidedOn: '2026-03-10',
    formalitiesDueOn: '2026-04-10',
    appealUntil: '2026-04-10',
    form: 2,
    by: 'S-OFF',
  },
};

function sanction(overrides: Partial<ImposeSanction['data']> = {}, day = '2026-03-20'): ImposeSanction {
  return {
    type: 'ImposeSanction',
    data: { decisionId: DECISION, kind: 'party', type: 'serious_warning', effectiveOn: '2026-03-12', actor: officer, ...overrides },
    metadata: at(day),
  };
}

describe('accountability decision decider', () => {
  it('decides on a concluded case: measures in order, formalities due within a month, appeal window, four forms', () => {
    spec.given([]).when(decide()).then([decided]);
  });

  it('combines organisation measures and refuses cadre-only ones against an organisation', () => {
    spec
      .given([])
      .when(
        decide({
          target: { kind: 'organisation', unitCode: 'JS-EDU' },
          measures: ['reorganisation', 'inspection', 'circulated_criticism'],
        }),
      )
      .then([
        {
          ...decided,
          data: {
            ...decided.data,
            target: { kind: 'organisation', unitCode: 'JS-EDU' },
            measures: ['inspection', 'circulated_criticism', 'reorganisation'],
            form: null,
          },
        },
      ]);
    spec
      .given([])
      .when(decide({ target: { kind: 'organisation', unitCode: 'JS-EDU' }, measures: ['admonishment'] }))
      .thenThrows('ACCOUNTABILITY.INVALID_MEASURE', 'invalid');
    spec
      .given([])
      .when(decide({ measures: ['reorganisation'] }))
      .thenThrows('ACCOUNTABILITY.INVALID_MEASURE', 'invalid');
    spec
      .given([])
      .when(decide({ measures: [] }))
      .thenThrows('ACCOUNTABILITY.NO_MEASURE', 'invalid');
    spec
      .given([])
      .when(decide({ measures: ['admonishment', 'admonishment'] }))
      .thenThrows('ACCOUNTABILITY.DUPLICATE_MEASURE', 'invalid');
  });

  it('an organisational adjustment names its kind and counts in the second form', () => {
    spec
      .given([])
      .when(decide({ measures: ['organisational_adjustment'] }))
      .thenThrows('ACCOUNTABILITY.ADJUSTMENT_REQUIRED', 'invalid');
    const state = spec
      .given([])
      .when(decide({ measures: ['organisational_adjustment', 'admonishment'], adjustment: 'removal' }))
      .then([
        { ...decided, data: { ...decided.data, measures: ['admonishment', 'organisational_adjustment'], adjustment: 'removal', form: 2 } },
      ]);
    expect(state).toMatchObject({ form: 2 });
    spec
      .given([])
      .when(decide({ measures: ['admonishment'] }))
      .then([{ ...decided, data: { ...decided.data, measures: ['admonishment'], form: 1 } }]);
  });

  it('refuses a decision on a closed case (409), an unknown case (404), another commission’s case, a caller not acting for the commission', () => {
    spec
      .given([])
      .when(decide({ basis: { ...concludedCase, status: 'closed' } }))
      .thenThrows('ACCOUNTABILITY.CASE_CLOSED', 'conflict');
    spec
      .given([])
      .when(decide({ basis: { ...concludedCase, status: 'absent', commission: null } }))
      .thenThrows('ACCOUNTABILITY.CASE_NOT_FOUND', 'not_found');
    spec
      .given([])
      .when(decide({ basis: { ...concludedCase, commission: 'XZ-JW' } }))
      .thenThrows('ACCOUNTABILITY.CASE_ELSEWHERE', 'conflict');
    spec
      .given([])
      .when(decide({ actor: { staffNumber: 'S-X', actsForCommission: false } }))
      .thenThrows('ACCOUNTABILITY.NOT_COMMISSION_OFFICER', 'forbidden');
    spec.given([decided]).when(decide()).thenThrows('ACCOUNTABILITY.ALREADY_DECIDED', 'conflict');
    spec
      .given([])
      .when(decide({ decidedOn: '2026-03-21' }))
      .thenThrows('ACCOUNTABILITY.DECIDED_IN_FUTURE', 'invalid');
  });

  it('decides on a matter only against the organisation or person the matter is about', () => {
    const matter: DecisionBasis = {
      kind: 'matter',
      matterId: MATTER,
      matter: {
        matterId: MATTER,
        caseId: CASE,
        commission: 'JS-JW',
        responsibility: 'main',
        subject: 'principal_leader',
        unitCode: 'JS-EDU',
        staffNumber: 'S-0001',
      },
    };
    spec
      .given([])
      .when(decide({ basis: matter, measures: ['admonishment'] }))
      .then([{ ...decided, data: { ...decided.data, matterId: MATTER, measures: ['admonishment'], form: 1 } }]);
    spec
      .given([])
      .when(decide({ basis: matter, target: { kind: 'cadre', unitCode: 'JS-EDU', staffNumber: 'S-0002' } }))
      .thenThrows('ACCOUNTABILITY.NOT_THE_MATTER_SUBJECT', 'invalid');
    spec
      .given([])
      .when(decide({ basis: { kind: 'matter', matterId: MATTER, matter: null } }))
      .thenThrows('ACCOUNTABILITY.MATTER_NOT_FOUND', 'not_found');
  });

  it('imposes a sanction with its impact period from the effective day and the heavier form', () => {
    const imposed: SanctionImposed = {
      type: 'SanctionImposed',
      data: {
        decisionId: DECISION,
        commission: 'JS-JW',
        staffNumber: 'S-0001',
        kind: 'party',
        type: 'serious_warning',
        effectiveOn: '2026-03-12',
        impactEndsOn: '2027-03-11',
        impactMonths: 12,
        probationYears: null,
        transferredForProsecution: false,
        form: 2,
        imposedOn: '2026-03-20',
        by: 'S-OFF',
      },
    };
    spec.given([decided]).when(sanction()).then([imposed]);
    spec.given([decided, imposed]).when(sanction()).then([]);
    spec
      .given([decided, imposed])
      .when(sanction({ type: 'warning' }))
      .thenThrows('SANCTION.ALREADY_IMPOSED', 'conflict');
    const state = spec
      .given([decided, imposed])
      .when(sanction({ kind: 'administrative', type: 'dismissal_from_post' }))
      .then([
        {
          type: 'SanctionImposed',
          data: {
            ...imposed.data,
            kind: 'administrative',
            type: 'dismissal_from_post',
            impactEndsOn: '2028-03-11',
            impactMonths: 24,
            form: 3,
          },
        },
      ]);
    expect(state).toMatchObject({ form: 3 });
  });

  it('refuses a sanction type that does not exist, a sanction without 纪律处分 or on an organisation', () => {
    spec
      .given([decided])
      .when(sanction({ type: 'demerit' }))
      .thenThrows('SANCTION.UNKNOWN_TYPE', 'invalid');
    spec
      .given([decided])
      .when(sanction({ kind: 'civil' }))
      .thenThrows('SANCTION.UNKNOWN_KIND', 'invalid');
    spec
      .given([decided])
      .when(sanction({ type: 'probation' }))
      .thenThrows('SANCTION.PROBATION_YEARS', 'invalid');
    spec
      .given([decided])
      .when(sanction({ effectiveOn: '2026-03-01' }))
      .thenThrows('SANCTION.BEFORE_DECISION', 'invalid');
    spec
      .given([{ ...decided, data: { ...decided.data, measures: ['admonishment'] } }])
      .when(sanction())
      .thenThrows('SANCTION.NOT_DECIDED', 'conflict');
    spec
      .given([{ ...decided, data: { ...decided.data, target: { kind: 'organisation', unitCode: 'JS-EDU' }, measures: ['inspection'] } }])
      .when(sanction())
      .thenThrows('SANCTION.NOT_A_CADRE', 'conflict');
    spec.given([]).when(sanction()).thenThrows('ACCOUNTABILITY.DECISION_NOT_FOUND', 'not_found');
  });

  it('impact periods follow the table; 留党察看 its probation, 政务开除 without end; prosecution is the fourth form', () => {
    expect(impactOf('party', 'warning', '2026-01-31')).toEqual({ months: 6, endsOn: '2026-07-30', form: 2 });
    expect(impactOf('party', 'removal_from_party_posts', '2026-01-01')).toEqual({ months: 24, endsOn: '2027-12-31', form: 3 });
    expect(impactOf('party', 'probation', '2026-01-01', 2)).toEqual({ months: 24, endsOn: '2027-12-31', form: 3 });
    expect(impactOf('party', 'expulsion', '2026-01-01')).toEqual({ months: 60, endsOn: '2030-12-31', form: 3 });
    expect(impactOf('administrative', 'warning', '2026-01-01')).toEqual({ months: 6, endsOn: '2026-06-30', form: 2 });
    expect(impactOf('administrative', 'demerit', '2026-01-01').months).toBe(12);
    expect(impactOf('administrative', 'major_demerit', '2026-01-01').months).toBe(18);
    expect(impactOf('administrative', 'downgrade', '2026-01-01').months).toBe(24);
    expect(impactOf('administrative', 'expulsion', '2026-01-01')).toEqual({ months: null, endsOn: null, form: 3 });
    const state = spec
      .given([decided])
      .when(sanction({ type: 'expulsion', transferredForProsecution: true }))
      .then([
        {
          type: 'SanctionImposed',
          data: {
            decisionId: DECISION,
            commission: 'JS-JW',
            staffNumber: 'S-0001',
            kind: 'party',
            type: 'expulsion',
            effectiveOn: '2026-03-12',
            impactEndsOn: '2031-03-11',
            impactMonths: 60,
            probationYears: null,
            transferredForProsecution: true,
            form: 4,
            imposedOn: '2026-03-20',
            by: 'S-OFF',
          },
        },
      ]);
    expect(state).toMatchObject({ form: 4 });
  });

  it('tracks formalities (late when after the due day), records them overdue once, and takes an appeal only within the window', () => {
    spec
      .given([decided])
      .when({
        type: 'CompleteFormalities',
        data: { decisionId: DECISION, completedOn: '2026-04-13', actor: officer },
        metadata: at('2026-04-14'),
      })
      .then([
        { type: 'AccountabilityFormalitiesCompleted', data: { decisionId: DECISION, completedOn: '2026-04-13', late: true, by: 'S-OFF' } },
      ]);
    const overdue = { type: 'MarkFormalitiesOverdue' as const, data: { decisionId: DECISION }, metadata: at('2026-04-11') };
    spec
      .given([decided])
      .when({ ...overdue, metadata: at('2026-04-10') })
      .then([]);
    spec
      .given([decided])
      .when(overdue)
      .then([
        {
          type: 'AccountabilityFormalitiesOverdue',
          data: { decisionId: DECISION, commission: 'JS-JW', dueOn: '2026-04-10', markedOn: '2026-04-11' },
        },
      ]);
    spec
      .given([
        decided,
        {
          type: 'AccountabilityFormalitiesOverdue',
          data: { decisionId: DECISION, commission: 'JS-JW', dueOn: '2026-04-10', markedOn: '2026-04-11' },
        },
      ])
      .when(overdue)
      .then([]);
    const appeal = (lodgedOn: string) => ({
      type: 'LodgeAppeal' as const,
      data: { decisionId: DECISION, lodgedOn, actor: officer },
      metadata: at('2026-05-01'),
    });
    spec
      .given([decided])
      .when(appeal('2026-04-10'))
      .then([{ type: 'AccountabilityAppealLodged', data: { decisionId: DECISION, lodgedOn: '2026-04-10', recordedBy: 'S-OFF' } }]);
    spec.given([decided]).when(appeal('2026-04-11')).thenThrows('ACCOUNTABILITY.APPEAL_WINDOW_CLOSED', 'conflict');
  });
});

describe('review matters and case closure deciders', () => {
  const decider = reviewMattersDecider((reviewId, index) => `${reviewId.slice(0, 8)}-m${index}`);
  const REVIEW = '44444444-4444-4444-8444-444444444444';
  const open: OpenAccountabilityMatters = {
    type: 'OpenAccountabilityMatters',
    data: {
      reviewId: REVIEW,
      caseId: CASE,
      commission: 'JS-JW',
      periodFrom: '2024-01-01',
      periodTo: '2025-06-30',
      reviewConcludedOn: '2026-03-15',
      escalatedToUnitCode: null,
      matters: [
        { responsibility: 'main', subject: 'principal_leader', unitCode: 'JS-EDU', staffNumber: 'S-0009' },
        { responsibility: 'supervisory', subject: 'commission', unitCode: 'JS-EDU-JW', staffNumber: null },
      ],
    },
    metadata: at('2026-03-16'),
  };

  it('opens one matter per failure, once however often the review arrives', () => {
    const state = deciderSpec(decider)
      .given([])
      .when(open)
      .then([
        {
          type: 'AccountabilityMattersOpened',
          data: {
            ...open.data,
            matters: open.data.matters.map((matter, index) => ({ matterId: `44444444-m${index}`, ...matter })),
            openedOn: '2026-03-16',
          },
        },
      ]);
    expect(state).toEqual({ status: 'opened', matterIds: ['44444444-m0', '44444444-m1'] });
    const opened = { type: 'AccountabilityMattersOpened' as const, data: { ...open.data, matters: [], openedOn: '2026-03-16' } };
    deciderSpec(decider).given([opened]).when(open).then([]);
  });

  it('closes a concluded case once; an open case is not closed', () => {
    const close = (caseStatus: CloseCaseAccountability['data']['caseStatus']): CloseCaseAccountability => ({
      type: 'CloseCaseAccountability',
      data: { caseId: CASE, commission: 'JS-JW', caseStatus, caseCommission: 'JS-JW', actor: officer },
      metadata: at('2026-03-30'),
    });
    const closed = {
      type: 'CaseAccountabilityClosed' as const,
      data: { caseId: CASE, commission: 'JS-JW', closedOn: '2026-03-30', by: 'S-OFF' },
    };
    deciderSpec(caseAccountabilityDecider).given([]).when(close('concluded')).then([closed]);
    deciderSpec(caseAccountabilityDecider).given([closed]).when(close('closed')).then([]);
    deciderSpec(caseAccountabilityDecider).given([]).when(close('opened')).thenThrows('ACCOUNTABILITY.CASE_NOT_CONCLUDED', 'conflict');
    deciderSpec(caseAccountabilityDecider).given([]).when(close('absent')).thenThrows('ACCOUNTABILITY.CASE_NOT_FOUND', 'not_found');
  });
});
