import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { DecisionTaken } from '../accountability/accountability.decider';
import { ACCOUNTABILITY_RULES } from '../accountability/accountability-rules';
import type { ReturnActor, SignOffReturn, SubmitReturn } from './return.commands';
import { returnDecider } from './return.decider';
import { returnContentHash, type ReturnSignedOff } from './return.events';
import { compileFigures, quarterContaining, quarterOf, type ReturnFigures } from './return-figures';

const spec = deciderSpec(returnDecider);
const submissionRule = ACCOUNTABILITY_RULES[2];
const at = (day: string) => testMetadata({ now: new Date(`${day}T04:00:00Z`) });
const secretary: ReturnActor = { staffNumber: 'S-SEC', isSecretary: true, actsForCommission: false };
const officer: ReturnActor = { staffNumber: 'S-OFF', isSecretary: false, actsForCommission: true };

const figures: ReturnFigures = compileFigures(quarterOf('2026-Q1'), {
  casesOpened: 2,
  casesConcluded: 1,
  decisions: [],
  mattersOpened: 0,
  mattersDecided: 0,
});

const FINGERPRINT = 'f'.repeat(64);
const SIGNATURE = 'ab'.repeat(64);
const secretaryKey = { staffNumber: 'S-SEC', algorithm: 'sm2', fingerprint: FINGERPRINT, validFrom: '2026-01-01' };
type SignOffData = SignOffReturn['data'];
const signOff = (day = '2026-04-02', actor = secretary, withFigures = figures, change: Partial<SignOffData> = {}): SignOffReturn => ({
  type: 'SignOffReturn',
  data: {
    commission: 'JS-JW',
    quarter: '2026-Q1',
    figures: withFigures,
    version: 1,
    contentHash: returnContentHash(withFigures),
    signerStaffNumber: actor.staffNumber,
    opinion: '同意签发。',
    algorithm: 'sm2',
    keyFingerprint: FINGERPRINT,
    signature: SIGNATURE,
    facts: { key: secretaryKey, signatureValid: true },
    actor,
    ...change,
  },
  metadata: at(day),
});
const signed: ReturnSignedOff = {
  type: 'AccountabilityReturnSignedOff',
  data: {
    commission: 'JS-JW',
    quarter: '2026-Q1',
    figures,
    signedBy: 'S-SEC',
    signedOn: '2026-04-02',
    version: 1,
    contentHash: returnContentHash(figures),
    opinion: '同意签发。',
    algorithm: 'sm2',
    keyFingerprint: FINGERPRINT,
    signature: SIGNATURE,
    statementFormat: 'signoff/v1',
  },
};
const submit = (day: string, higherCommission: string | null = 'ZZ-JW', actor = officer): SubmitReturn => ({
  type: 'SubmitReturn',
  data: { commission: 'JS-JW', quarter: '2026-Q1', higherCommission, submissionRule, actor },
  metadata: at(day),
});

describe('quarterly return decider', () => {
  it('is signed off by the commission’s secretary once the quarter is over; the same figures again record nothing', () => {
    spec.given([]).when(signOff()).then([signed]);
    spec.given([signed]).when(signOff('2026-04-03')).then([]);
    const changed = { ...figures, typicalCases: 1 };
    spec
      .given([signed])
      .when(signOff('2026-04-03', secretary, changed, { version: 2 }))
      .then([
        {
          type: 'AccountabilityReturnSignedOff',
          data: { ...signed.data, figures: changed, contentHash: returnContentHash(changed), version: 2, signedOn: '2026-04-03' },
        },
      ]);
    spec.given([]).when(signOff('2026-03-31')).thenThrows('RETURN.QUARTER_NOT_OVER', 'conflict');
    spec.given([]).when(signOff('2026-04-02', officer)).thenThrows('RETURN.NOT_SECRETARY', 'forbidden');
    spec
      .given([])
      .when({ ...signOff(), data: { ...signOff().data, quarter: '2026-Q5' } })
      .thenThrows('RETURN.INVALID_QUARTER', 'invalid');
  });

  it('records a sign-off only with the secretary’s own valid signature over the figures as compiled now', () => {
    spec
      .given([])
      .when(signOff('2026-04-02', secretary, figures, { signerStaffNumber: 'S-OTHER' }))
      .thenThrows('SIGNOFF.SIGNER_NOT_ENTITLED', 'forbidden');
    spec
      .given([])
      .when(signOff('2026-04-02', secretary, figures, { contentHash: returnContentHash({ ...figures, typicalCases: 9 }) }))
      .thenThrows('RETURN.FIGURES_CHANGED', 'conflict');
    spec
      .given([])
      .when(signOff('2026-04-02', secretary, figures, { version: 2 }))
      .thenThrows('RETURN.STALE_SIGN_OFF_VERSION', 'conflict');
    spec
      .given([signed])
      .when(signOff('2026-04-03', secretary, { ...figures, typicalCases: 1 }))
      .thenThrows('RETURN.STALE_SIGN_OFF_VERSION', 'conflict');
    spec
      .given([])
      .when(signOff('2026-04-02', secretary, figures, { opinion: ' 同意 ' }))
      .thenThrows('SIGNOFF.OPINION_NOT_EXACT');
    spec
      .given([])
      .when(signOff('2026-04-02', secretary, figures, { algorithm: 'rsa' }))
      .thenThrows('SIGNOFF.INVALID_ALGORITHM');
    spec
      .given([])
      .when(signOff('2026-04-02', secretary, figures, { facts: { key: null, signatureValid: false } }))
      .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
    spec
      .given([])
      .when(
        signOff('2026-04-02', secretary, figures, { facts: { key: { ...secretaryKey, revokedFrom: '2026-04-01' }, signatureValid: true } }),
      )
      .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
    spec
      .given([])
      .when(
        signOff('2026-04-02', secretary, figures, { facts: { key: { ...secretaryKey, staffNumber: 'S-OTHER' }, signatureValid: true } }),
      )
      .thenThrows('SIGNOFF.KEY_NOT_VALID', 'forbidden');
    spec
      .given([])
      .when(signOff('2026-04-02', secretary, figures, { facts: { key: secretaryKey, signatureValid: false } }))
      .thenThrows('SIGNOFF.BAD_SIGNATURE', 'invalid');
    spec
      .given([signed])
      .when(signOff('2026-04-03', secretary, figures, { facts: { key: secretaryKey, signatureValid: false } }))
      .thenThrows('SIGNOFF.BAD_SIGNATURE', 'invalid');
  });

  it('folds a sign-off recorded before signatures were required', () => {
    const {
      version: _v,
      contentHash: _h,
      opinion: _o,
      algorithm: _a,
      keyFingerprint: _k,
      signature: _s,
      statementFormat: _f,
      ...old
    } = signed.data;
    spec
      .given([{ type: 'AccountabilityReturnSignedOff', data: old }])
      .when(signOff('2026-04-03', secretary, { ...figures, typicalCases: 1 }, { version: 2 }))
      .then([expect.objectContaining({ type: 'AccountabilityReturnSignedOff' }) as never]);
  });

  it('is submitted to the higher commission once signed off, late after the due day (10 days after the quarter end)', () => {
    const submitted = {
      type: 'AccountabilityReturnSubmitted' as const,
      data: {
        commission: 'JS-JW',
        quarter: '2026-Q1',
        to: 'ZZ-JW',
        submittedOn: '2026-04-10',
        dueOn: '2026-04-10',
        late: false,
        by: 'S-OFF',
      },
    };
    spec.given([signed]).when(submit('2026-04-10')).then([submitted]);
    spec
      .given([signed])
      .when(submit('2026-04-11'))
      .then([{ ...submitted, data: { ...submitted.data, submittedOn: '2026-04-11', late: true } }]);
    spec.given([signed, submitted]).when(submit('2026-04-12')).then([]);
    spec.given([signed, submitted]).when(signOff('2026-04-12')).thenThrows('RETURN.ALREADY_SUBMITTED', 'conflict');
    spec.given([]).when(submit('2026-04-10')).thenThrows('RETURN.NOT_SIGNED_OFF', 'conflict');
    spec.given([signed]).when(submit('2026-04-10', null)).thenThrows('RETURN.NO_HIGHER_COMMISSION', 'conflict');
    spec
      .given([signed])
      .when(submit('2026-04-10', 'ZZ-JW', { staffNumber: 'S-X', isSecretary: false, actsForCommission: false }))
      .thenThrows('RETURN.NOT_COMMISSION_OFFICER', 'forbidden');
  });

  it('records a return not submitted by its due day overdue once', () => {
    const mark = (day: string) => ({
      type: 'MarkReturnOverdue' as const,
      data: { commission: 'JS-JW', quarter: '2026-Q1', submissionRule },
      metadata: at(day),
    });
    const overdue = {
      type: 'AccountabilityReturnOverdue' as const,
      data: { commission: 'JS-JW', quarter: '2026-Q1', dueOn: '2026-04-10', markedOn: '2026-04-11' },
    };
    spec.given([]).when(mark('2026-04-10')).then([]);
    spec.given([]).when(mark('2026-04-11')).then([overdue]);
    spec.given([overdue]).when(mark('2026-04-12')).then([]);
    spec.given([signed]).when(mark('2026-04-11')).then([overdue]);
    spec
      .given([
        signed,
        {
          type: 'AccountabilityReturnSubmitted',
          data: {
            commission: 'JS-JW',
            quarter: '2026-Q1',
            to: 'ZZ-JW',
            submittedOn: '2026-04-09',
            dueOn: '2026-04-10',
            late: false,
            by: 'S-OFF',
          },
        },
      ])
      .when(mark('2026-04-11'))
      .then([]);
  });
});

describe('quarterly return figures', () => {
  const decision = (overrides: Partial<DecisionTaken>): DecisionTaken => ({
    status: 'decided',
    decisionId: 'd',
    commission: 'JS-JW',
    caseId: 'c',
    matterId: null,
    target: { kind: 'cadre', unitCode: 'JS-EDU', staffNumber: 'S-1' },
    measures: ['admonishment'],
    adjustment: null,
    typical: false,
    decidedOn: '2026-02-01',
    formalitiesDueOn: '2026-03-01',
    formalitiesOverdue: false,
    appealUntil: '2026-03-01',
    sanctions: [],
    form: 1,
    ...overrides,
  });

  it('counts decisions of the quarter by target and measure, the four forms, typical cases, and sanctions taking effect in the quarter', () => {
    const result = compileFigures(quarterOf('2026-Q1'), {
      casesOpened: 3,
      casesConcluded: 2,
      mattersOpened: 2,
      mattersDecided: 1,
      decisions: [
        decision({ typical: true }),
        decision({ target: { kind: 'organisation', unitCode: 'JS-EDU' }, measures: ['inspection', 'circulated_criticism'], form: null }),
        decision({
          measures: ['disciplinary_sanction'],
          form: 3,
          sanctions: [
            {
              kind: 'party',
              type: 'serious_warning',
              effectiveOn: '2026-03-01',
              impactEndsOn: '2027-02-28',
              impactMonths: 12,
              form: 2,
              imposedOn: '2026-03-01',
            },
            {
              kind: 'administrative',
              type: 'downgrade',
              effectiveOn: '2026-04-01',
              impactEndsOn: '2028-03-31',
              impactMonths: 24,
              form: 3,
              imposedOn: '2026-04-01',
            },
          ],
        }),
        decision({ decidedOn: '2025-12-30', measures: ['disciplinary_sanction'], form: 2 }),
      ],
    });
    expect(result).toMatchObject({
      cases: { opened: 3, concluded: 2 },
      decisions: { total: 3, organisations: 1, cadres: 2 },
      sanctions: { total: 1, byType: { 'party.serious_warning': 1 } },
      forms: { first: 1, second: 0, third: 1, fourth: 0 },
      matters: { opened: 2, decided: 1 },
      typicalCases: 1,
    });
    expect(result.decisions.byMeasure).toMatchObject({
      'organisation.inspection': 1,
      'organisation.circulated_criticism': 1,
      'organisation.reorganisation': 0,
      'cadre.admonishment': 1,
      'cadre.disciplinary_sanction': 1,
    });
  });

  it('reads quarters', () => {
    expect(quarterOf('2026-Q4')).toEqual({ quarter: '2026-Q4', year: 2026, number: 4, from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2024-Q1').to).toBe('2024-03-31');
    expect(quarterContaining('2026-05-31')).toBe('2026-Q2');
  });
});
