import { addCalendarDays, addMonths, dueDate, WorkingDayCalendar } from '@app/deadlines';
import {
  chinaDay,
  DomainError,
  fieldRule,
  isOneOf,
  requireDay,
  requireStaffNumber,
  requireUnitCode,
  requireUuid,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import type {
  AccountabilityActor,
  AccountabilityDecisionCommand,
  CompleteFormalities,
  DecideAccountability,
  ImposeSanction,
  LodgeAppeal,
} from './accountability.commands';
import type { AccountabilityDecided, AccountabilityDecisionEvent, AccountabilityTarget, SanctionImposed } from './accountability.events';
import {
  ADJUSTMENTS,
  CADRE_MEASURES,
  MEASURE_FORMS,
  ORGANISATION_MEASURES,
  SANCTION_KINDS,
  SANCTION_TABLE,
  type AccountabilityMeasure,
  type CadreMeasure,
  type FourForm,
} from './sanction-table';

export interface ImposedSanction {
  readonly kind: SanctionImposed['data']['kind'];
  readonly type: string;
  readonly effectiveOn: string;
  readonly impactEndsOn: string | null;
  readonly impactMonths: number | null;
  readonly form: FourForm;
  readonly imposedOn: string;
}

export interface DecisionTaken {
  readonly status: 'decided';
  readonly decisionId: string;
  readonly commission: string;
  readonly caseId: string | null;
  readonly matterId: string | null;
  readonly target: AccountabilityTarget;
  readonly measures: readonly AccountabilityMeasure[];
  readonly adjustment: string | null;
  readonly typical: boolean;
  readonly decidedOn: string;
  readonly formalitiesDueOn: string;
  readonly formalitiesCompletedOn?: string;
  readonly formalitiesOverdue: boolean;
  readonly appealUntil: string;
  readonly appealLodgedOn?: string;
  readonly sanctions: readonly ImposedSanction[];
  /** Cadres: the heaviest form of the measures and sanctions; null for organisations. */
  readonly form: FourForm | null;
}

export type DecisionState = { readonly status: 'absent' } | DecisionTaken;

export const accountabilityDecider: Decider<DecisionState, AccountabilityDecisionCommand, AccountabilityDecisionEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide,
  evolve,
};

function decide(command: AccountabilityDecisionCommand, state: DecisionState): readonly AccountabilityDecisionEvent[] {
  const today = chinaDay(command.metadata.now);
  switch (command.type) {
    case 'DecideAccountability':
      return decideAccountability(command.data, state, today);
    case 'ImposeSanction':
      return impose(command.data, state, today);
    case 'CompleteFormalities':
      return complete(command.data, state, today);
    case 'LodgeAppeal':
      return appeal(command.data, state, today);
    case 'MarkFormalitiesOverdue': {
      if (state.status === 'absent' || state.formalitiesCompletedOn || state.formalitiesOverdue || today <= state.formalitiesDueOn)
        return [];
      return [
        {
          type: 'AccountabilityFormalitiesOverdue',
          data: { decisionId: state.decisionId, commission: state.commission, dueOn: state.formalitiesDueOn, markedOn: today },
        },
      ];
    }
    default:
      return unreachable(command);
  }
}

function officer(actor: AccountabilityActor): AccountabilityActor {
  rule(
    actor.actsForCommission,
    'ACCOUNTABILITY.NOT_COMMISSION_OFFICER',
    'only an officer acting for the deciding commission does this',
    'forbidden',
  );
  return actor;
}

function decided(state: DecisionState): DecisionTaken {
  rule(state.status === 'decided', 'ACCOUNTABILITY.DECISION_NOT_FOUND', 'no such accountability decision', 'not_found');
  return state;
}

function decideAccountability(
  data: DecideAccountability['data'],
  state: DecisionState,
  today: string,
): readonly AccountabilityDecisionEvent[] {
  const actor = officer(data.actor);
  rule(state.status === 'absent', 'ACCOUNTABILITY.ALREADY_DECIDED', `decision ${data.decisionId} exists already`, 'conflict');
  const decisionId = requireUuid(data.decisionId, 'decisionId');
  const commission = requireUnitCode(data.commission, 'commission');
  requireDay(data.decidedOn, 'decidedOn');
  fieldRule(data.decidedOn <= today, 'ACCOUNTABILITY.DECIDED_IN_FUTURE', `decidedOn is after today (${today})`, 'decidedOn');
  const target = targetOf(data.target);
  const measures = measuresOf(data.measures, target);
  const adjustment = measures.includes('organisational_adjustment') ? data.adjustment : undefined;
  if (measures.includes('organisational_adjustment')) {
    fieldRule(
      isOneOf(ADJUSTMENTS, adjustment),
      'ACCOUNTABILITY.ADJUSTMENT_REQUIRED',
      `organisational adjustment names one of ${ADJUSTMENTS.join(', ')}`,
      'adjustment',
    );
  }
  const basis = data.basis;
  let caseId: string | null;
  let matterId: string | null = null;
  if (basis.kind === 'case') {
    rule(basis.status !== 'absent', 'ACCOUNTABILITY.CASE_NOT_FOUND', `no case ${basis.caseId} is known here`, 'not_found');
    rule(basis.status !== 'closed', 'ACCOUNTABILITY.CASE_CLOSED', `case ${basis.caseId} is closed: no more decisions on it`, 'conflict');
    rule(
      basis.commission === commission,
      'ACCOUNTABILITY.CASE_ELSEWHERE',
      `case ${basis.caseId} is handled by another commission`,
      'conflict',
    );
    caseId = basis.caseId;
  } else {
    const matter = basis.matter;
    rule(matter !== null, 'ACCOUNTABILITY.MATTER_NOT_FOUND', `no accountability matter ${basis.matterId}`, 'not_found');
    rule(
      matter.commission === commission,
      'ACCOUNTABILITY.MATTER_ELSEWHERE',
      `matter ${basis.matterId} belongs to another commission`,
      'conflict',
    );
    const matches =
      target.unitCode === matter.unitCode &&
      (matter.staffNumber === null ? target.kind === 'organisation' : target.kind === 'cadre' && target.staffNumber === matter.staffNumber);
    fieldRule(
      matches,
      'ACCOUNTABILITY.NOT_THE_MATTER_SUBJECT',
      'the target is not the organisation or person the matter is about',
      'target',
    );
    matterId = matter.matterId;
    caseId = matter.caseId;
  }
  const form = target.kind === 'cadre' ? heaviest((measures as CadreMeasure[]).map((measure) => MEASURE_FORMS[measure])) : null;
  const event: AccountabilityDecided = {
    type: 'AccountabilityDecided',
    data: {
      decisionId,
      commission,
      caseId,
      matterId,
      target,
      measures,
      adjustment: (adjustment as AccountabilityDecided['data']['adjustment'] | undefined) ?? null,
      typical: data.typical === true,
      decidedOn: data.decidedOn,
      formalitiesDueOn: dueDate(data.formalitiesRule, data.decidedOn, WorkingDayCalendar.china()),
      appealUntil: dueDate(data.appealRule, data.decidedOn, WorkingDayCalendar.china()),
      form,
      by: actor.staffNumber,
    },
  };
  return [event];
}

function targetOf(target: DecideAccountability['data']['target']): AccountabilityTarget {
  const unitCode = requireUnitCode(target?.unitCode, 'target.unitCode');
  if (target.kind === 'organisation') {
    fieldRule(
      target.staffNumber === undefined,
      'ACCOUNTABILITY.ORGANISATION_WITH_PERSON',
      'an organisation target names no person',
      'target.staffNumber',
    );
    return { kind: 'organisation', unitCode };
  }
  fieldRule(target.kind === 'cadre', 'ACCOUNTABILITY.INVALID_TARGET', 'target.kind is organisation or cadre', 'target.kind');
  return { kind: 'cadre', unitCode, staffNumber: requireStaffNumber(target.staffNumber, 'target.staffNumber') };
}

function measuresOf(given: readonly string[], target: AccountabilityTarget): readonly AccountabilityMeasure[] {
  const allowed: readonly string[] = target.kind === 'organisation' ? ORGANISATION_MEASURES : CADRE_MEASURES;
  const values: readonly string[] = Array.isArray(given) ? given : [];
  fieldRule(values.length > 0, 'ACCOUNTABILITY.NO_MEASURE', 'a decision takes at least one measure', 'measures');
  fieldRule(new Set(values).size === values.length, 'ACCOUNTABILITY.DUPLICATE_MEASURE', 'each measure once', 'measures');
  for (const [index, measure] of values.entries()) {
    fieldRule(
      allowed.includes(measure),
      'ACCOUNTABILITY.INVALID_MEASURE',
      `against ${target.kind === 'organisation' ? 'an organisation' : 'a cadre'} the measures are ${allowed.join(', ')}`,
      `measures[${index}]`,
    );
  }
  return [...values].sort((a, b) => allowed.indexOf(a) - allowed.indexOf(b)) as AccountabilityMeasure[];
}

function heaviest(forms: readonly FourForm[]): FourForm {
  return forms.reduce<FourForm>((max, form) => (form > max ? form : max), 1);
}

/** The sanction's impact period: from its effective day, for the table's months (or its probation), inclusive. */
export function impactOf(
  kind: string,
  type: string,
  effectiveOn: string,
  probationYears?: number,
): { months: number | null; endsOn: string | null; form: FourForm } {
  fieldRule(isOneOf(SANCTION_KINDS, kind), 'SANCTION.UNKNOWN_KIND', `kind is one of ${SANCTION_KINDS.join(', ')}`, 'kind');
  const entry = SANCTION_TABLE[kind][type];
  if (!entry) {
    throw new DomainError(
      'SANCTION.UNKNOWN_TYPE',
      `a ${kind} sanction is one of ${Object.keys(SANCTION_TABLE[kind]).join(', ')}`,
      'invalid',
      { field: 'type' },
    );
  }
  let months = entry.impactMonths;
  if (months === 'probation') {
    fieldRule(probationYears === 1 || probationYears === 2, 'SANCTION.PROBATION_YEARS', '留党察看 is for 1 or 2 years', 'probationYears');
    months = probationYears * 12;
  } else {
    fieldRule(probationYears === undefined, 'SANCTION.PROBATION_YEARS', 'only 留党察看 has a probation period', 'probationYears');
  }
  return { months, endsOn: months === null ? null : addCalendarDays(addMonths(effectiveOn, months), -1), form: entry.form };
}

function impose(data: ImposeSanction['data'], state: DecisionState, today: string): readonly AccountabilityDecisionEvent[] {
  const actor = officer(data.actor);
  const decision = decided(state);
  rule(decision.target.kind === 'cadre', 'SANCTION.NOT_A_CADRE', 'sanctions are imposed on cadres, not organisations', 'conflict');
  rule(
    decision.measures.includes('disciplinary_sanction'),
    'SANCTION.NOT_DECIDED',
    'the decision takes no disciplinary sanction (纪律处分)',
    'conflict',
  );
  requireDay(data.effectiveOn, 'effectiveOn');
  fieldRule(
    data.effectiveOn >= decision.decidedOn,
    'SANCTION.BEFORE_DECISION',
    `effectiveOn is before the decision (${decision.decidedOn})`,
    'effectiveOn',
  );
  const impact = impactOf(data.kind, data.type, data.effectiveOn, data.probationYears);
  const kind = data.kind as ImposedSanction['kind'];
  const same = decision.sanctions.find((sanction) => sanction.kind === kind);
  if (same) {
    if (same.type === data.type && same.effectiveOn === data.effectiveOn) return [];
    throw new DomainError('SANCTION.ALREADY_IMPOSED', `a ${kind} sanction was imposed under this decision already`, 'conflict');
  }
  const prosecuted = data.transferredForProsecution === true;
  return [
    {
      type: 'SanctionImposed',
      data: {
        decisionId: decision.decisionId,
        commission: decision.commission,
        staffNumber: decision.target.staffNumber,
        kind,
        type: data.type,
        effectiveOn: data.effectiveOn,
        impactEndsOn: impact.endsOn,
        impactMonths: impact.months,
        probationYears: data.probationYears ?? null,
        transferredForProsecution: prosecuted,
        form: prosecuted ? 4 : impact.form,
        imposedOn: today,
        by: actor.staffNumber,
      },
    },
  ];
}

function complete(data: CompleteFormalities['data'], state: DecisionState, today: string): readonly AccountabilityDecisionEvent[] {
  const actor = officer(data.actor);
  const decision = decided(state);
  requireDay(data.completedOn, 'completedOn');
  fieldRule(data.completedOn <= today, 'ACCOUNTABILITY.COMPLETED_IN_FUTURE', `completedOn is after today (${today})`, 'completedOn');
  fieldRule(
    data.completedOn >= decision.decidedOn,
    'ACCOUNTABILITY.COMPLETED_BEFORE_DECISION',
    'completedOn is before the decision',
    'completedOn',
  );
  if (decision.formalitiesCompletedOn) {
    if (decision.formalitiesCompletedOn === data.completedOn) return [];
    throw new DomainError('ACCOUNTABILITY.FORMALITIES_DONE', 'the formalities were recorded as done already', 'conflict');
  }
  return [
    {
      type: 'AccountabilityFormalitiesCompleted',
      data: {
        decisionId: decision.decisionId,
        completedOn: data.completedOn,
        late: data.completedOn > decision.formalitiesDueOn,
        by: actor.staffNumber,
      },
    },
  ];
}

function appeal(data: LodgeAppeal['data'], state: DecisionState, today: string): readonly AccountabilityDecisionEvent[] {
  const actor = officer(data.actor);
  const decision = decided(state);
  requireDay(data.lodgedOn, 'lodgedOn');
  fieldRule(data.lodgedOn <= today, 'ACCOUNTABILITY.LODGED_IN_FUTURE', `lodgedOn is after today (${today})`, 'lodgedOn');
  fieldRule(data.lodgedOn >= decision.decidedOn, 'ACCOUNTABILITY.LODGED_BEFORE_DECISION', 'lodgedOn is before the decision', 'lodgedOn');
  if (decision.appealLodgedOn) {
    if (decision.appealLodgedOn === data.lodgedOn) return [];
    throw new DomainError('ACCOUNTABILITY.APPEAL_LODGED', 'an appeal was recorded already', 'conflict');
  }
  rule(
    data.lodgedOn <= decision.appealUntil,
    'ACCOUNTABILITY.APPEAL_WINDOW_CLOSED',
    `the appeal window closed on ${decision.appealUntil}`,
    'conflict',
  );
  return [
    {
      type: 'AccountabilityAppealLodged',
      data: { decisionId: decision.decisionId, lodgedOn: data.lodgedOn, recordedBy: actor.staffNumber },
    },
  ];
}

function evolve(state: DecisionState, event: AccountabilityDecisionEvent): DecisionState {
  switch (event.type) {
    case 'AccountabilityDecided': {
      const { by: _by, ...data } = event.data;
      return { status: 'decided', ...data, formalitiesOverdue: false, sanctions: [] };
    }
    case 'SanctionImposed': {
      if (state.status === 'absent') return state;
      const { kind, type, effectiveOn, impactEndsOn, impactMonths, form, imposedOn } = event.data;
      return {
        ...state,
        sanctions: [...state.sanctions, { kind, type, effectiveOn, impactEndsOn, impactMonths, form, imposedOn }],
        form: heaviest([state.form ?? 1, form]),
      };
    }
    case 'AccountabilityFormalitiesCompleted':
      return state.status === 'absent' ? state : { ...state, formalitiesCompletedOn: event.data.completedOn };
    case 'AccountabilityFormalitiesOverdue':
      return state.status === 'absent' ? state : { ...state, formalitiesOverdue: true };
    case 'AccountabilityAppealLodged':
      return state.status === 'absent' ? state : { ...state, appealLodgedOn: event.data.lodgedOn };
    default:
      return unreachable(event);
  }
}
