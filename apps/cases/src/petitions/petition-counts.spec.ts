import { deciderSpec, testMetadata } from '@app/domain/testing';
import { petitionCountsDecider, type CompilePetitionCounts } from './petition-counts';

const spec = deciderSpec(petitionCountsDecider);
const compile = (month: string, counts: CompilePetitionCounts['data']['counts'], day = '2026-03-02'): CompilePetitionCounts => ({
  type: 'CompilePetitionCounts',
  data: { commission: 'JS-JW', month, counts },
  metadata: testMetadata({ now: new Date(`${day}T02:00:00Z`) }),
});

describe('petition counts decider', () => {
  it('compiles a month that is over once, units in order', () => {
    spec
      .given([])
      .when(
        compile('2026-02', [
          { unitCode: 'JS-TY', petitions: 1 },
          { unitCode: 'JS-EDU', petitions: 3 },
        ]),
      )
      .then([
        {
          type: 'PetitionCountsCompiled',
          data: {
            commission: 'JS-JW',
            month: '2026-02',
            counts: [
              { unitCode: 'JS-EDU', petitions: 3 },
              { unitCode: 'JS-TY', petitions: 1 },
            ],
            compiledOn: '2026-03-02',
          },
        },
      ]);
    spec
      .given([{ type: 'PetitionCountsCompiled', data: { commission: 'JS-JW', month: '2026-02', counts: [], compiledOn: '2026-03-02' } }])
      .when(compile('2026-02', [{ unitCode: 'JS-EDU', petitions: 4 }]))
      .then([]);
  });

  it('refuses a month not over, a malformed month and a count that is not a positive whole number', () => {
    spec.given([]).when(compile('2026-03', [])).thenThrows('PETITION_COUNTS.MONTH_NOT_OVER', 'conflict');
    spec.given([]).when(compile('2026-13', [])).thenThrows('PETITION_COUNTS.INVALID_MONTH');
    spec
      .given([])
      .when(compile('2026-02', [{ unitCode: 'JS-EDU', petitions: 0 }]))
      .thenThrows('PETITION_COUNTS.INVALID_COUNT');
  });
});
