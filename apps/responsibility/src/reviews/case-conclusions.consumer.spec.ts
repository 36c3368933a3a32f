import { findingsByUnit } from './case-conclusions.consumer';

describe('a concluded case’s findings, one review per unit', () => {
  it('findings at one unit are merged: the people named, over the span of their periods; other units keep their own', () => {
    expect(
      findingsByUnit([
        { unitCode: 'DIST', staffNumbers: ['S-1'], periodFrom: '2022-01-01', periodTo: '2022-06-30' },
        { unitCode: 'EDU', staffNumbers: [], periodFrom: '2021-01-01', periodTo: '2021-12-31' },
        { unitCode: 'DIST', staffNumbers: ['S-2', 'S-1'], periodFrom: '2021-07-01', periodTo: '2023-03-31' },
      ]),
    ).toEqual([
      { unitCode: 'DIST', staffNumbers: ['S-1', 'S-2'], periodFrom: '2021-07-01', periodTo: '2023-03-31' },
      { unitCode: 'EDU', staffNumbers: [], periodFrom: '2021-01-01', periodTo: '2021-12-31' },
    ]);
  });

  it('a case with no findings opens nothing', () => {
    expect(findingsByUnit([])).toEqual([]);
  });
});
