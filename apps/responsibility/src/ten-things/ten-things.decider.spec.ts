import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';
import type { TenThingsCommand } from './ten-things.commands';
import { progressOf, tenThingsDecider } from './ten-things.decider';
import type { LedgerEntry, TenThingsEvent } from './ten-things.events';

const FIRST = '1a2b3c4d-0000-4000-8000-000000000001';
const SECOND = '1a2b3c4d-0000-4000-8000-000000000002';
const THIRD = '1a2b3c4d-0000-4000-8000-000000000003';
const TODAY = '2024-05-10';

const leader: ResponsibilityActor = { staffNumber: 'S001', roles: ['principal_leader'] };
const office: ResponsibilityActor = { staffNumber: 'S009', roles: ['unit_staff'] };
const member: ResponsibilityActor = { staffNumber: 'S002', roles: ['team_member'] };
const commission: ResponsibilityActor = { staffNumber: 'J001', roles: ['paired_commission'] };

type DataOf<T extends TenThingsCommand['type']> = Extract<TenThingsCommand, { type: T }>['data'];
function command<T extends TenThingsCommand['type']>(type: T, data: DataOf<T>, day = TODAY): TenThingsCommand {
  return { type, data, metadata: testMetadata({ now: new Date(`${day}T02:00:00Z`) }) } as TenThingsCommand;
}
const given = (...events: TenThingsEvent[]) => deciderSpec(tenThingsDecider).given(events);
const target = { unitCode: 'zy-pc', year: 2024, number: 3, actor: office };

const minutes: EvidenceAttachment = { name: '廉政党课讲稿.docx', mediaType: 'application/msword', size: 4096, sha256: 'e'.repeat(64) };
const opened: TenThingsEvent = {
  type: 'TenThingsProjectOpened',
  data: { unitCode: 'zy-pc', year: 2024, number: 3, title: '反腐倡廉教育', openedOn: '2024-01-05' },
};
const line = (entryId: string, progress: number, data: Partial<LedgerEntry> = {}): LedgerEntry => ({
  entryId,
  day: '2024-04-20',
  text: '书记主讲廉政党课',
  doneBy: ['S001'],
  recordedBy: 'S009',
  attachments: [minutes],
  progress,
  ...data,
});
const recorded = (entryId: string, progress: number, data: Partial<LedgerEntry> = {}): TenThingsEvent => ({
  type: 'TenThingsLedgerEntryRecorded',
  data: line(entryId, progress, data),
});
const completed: TenThingsEvent = { type: 'TenThingsProjectCompleted', data: { completedOn: '2024-11-30' } };

const open = (data: Partial<DataOf<'OpenTenThingsProject'>> = {}, day = '2024-01-05') =>
  command('OpenTenThingsProject', { ...target, ...data }, day);
const entryInput = (entryId: string, progress: number) => ({
  entryId,
  day: '2024-04-20',
  text: '书记主讲廉政党课',
  doneBy: ['S001'],
  attachments: [minutes],
  progress,
});
const record = (entryId: string, progress: number, data: Partial<DataOf<'RecordLedgerEntry'>> = {}) =>
  command('RecordLedgerEntry', { ...target, ...entryInput(entryId, progress), ...data });
const correct = (entryId: string, supersedes: string, progress: number, data: Partial<DataOf<'CorrectLedgerEntry'>> = {}) =>
  command('CorrectLedgerEntry', { ...target, ...entryInput(entryId, progress), supersedes, reason: '进度填报有误', ...data });
const complete = (actor = leader) => command('CompleteTenThingsProject', { ...target, actor });

describe('Ten things decider', () => {
  describe('opening a project from the template', () => {
    it('opens one of the ten things for a unit and year with the template’s title', () => {
      given().when(open()).then([opened]);
    });

    it('the ten things are numbered 1 to 10', () => {
      given()
        .when(open({ number: 11 }))
        .thenThrows('TEN_THINGS.INVALID_NUMBER', 'invalid');
      given()
        .when(open({ number: 0 }))
        .thenThrows('TEN_THINGS.INVALID_NUMBER', 'invalid');
    });

    it('an item is opened once per unit and year', () => {
      given(opened).when(open()).thenThrows('TEN_THINGS.ALREADY_OPENED', 'conflict');
    });

    it('an item is opened for the current or the next year', () => {
      given()
        .when(open({ year: 2023 }))
        .thenThrows('TEN_THINGS.YEAR_OUT_OF_RANGE', 'invalid');
    });

    it('a commission does not open a unit’s items', () => {
      given()
        .when(open({ actor: commission }))
        .thenThrows('COMMISSION.READ_ONLY', 'forbidden');
    });
  });

  describe('the ledger (台账)', () => {
    it('records a dated line: what was done, by whom, who entered it, its evidence and the progress', () => {
      const state = given(opened)
        .when(record(FIRST, 30))
        .then([recorded(FIRST, 30)]);
      expect(state.status).toBe('in_progress');
    });

    it('an entry is dated within the project’s year and not after today', () => {
      given(opened)
        .when(record(FIRST, 30, { day: '2023-12-31' }))
        .thenThrows('TEN_THINGS.ENTRY_OUT_OF_YEAR', 'invalid');
      const error = given(opened)
        .when(record(FIRST, 30, { day: '2024-05-11' }))
        .thenThrows('TEN_THINGS.ENTRY_IN_FUTURE', 'invalid');
      expect(error.details).toEqual({ field: 'day' });
    });

    it('an entry names who did the work', () => {
      given(opened)
        .when(record(FIRST, 30, { doneBy: [] }))
        .thenThrows('TEN_THINGS.DONE_BY_REQUIRED', 'invalid');
    });

    it('progress is a whole percentage', () => {
      given(opened).when(record(FIRST, 101)).thenThrows('TEN_THINGS.INVALID_PROGRESS', 'invalid');
      given(opened).when(record(FIRST, 12.5)).thenThrows('TEN_THINGS.INVALID_PROGRESS', 'invalid');
    });

    it('progress never goes down from one line to the next', () => {
      const error = given(opened, recorded(FIRST, 50)).when(record(SECOND, 40)).thenThrows('TEN_THINGS.PROGRESS_DECREASED', 'invalid');
      expect(error.details).toEqual({ field: 'progress' });
      given(opened, recorded(FIRST, 50))
        .when(record(SECOND, 50))
        .then([recorded(SECOND, 50)]);
    });

    it('an entry id is used once', () => {
      given(opened, recorded(FIRST, 30)).when(record(FIRST, 40)).thenThrows('TEN_THINGS.DUPLICATE_ENTRY', 'conflict');
    });

    it('at most 20 attachments of at most 20 MiB each', () => {
      given(opened)
        .when(
          record(FIRST, 30, {
            attachments: Array.from({ length: 21 }, (_, i) => ({ ...minutes, sha256: i.toString(16).padStart(64, '0') })),
          }),
        )
        .thenThrows('EVIDENCE.TOO_MANY', 'invalid');
      given(opened)
        .when(record(FIRST, 30, { attachments: [{ ...minutes, size: 21 * 1024 * 1024 }] }))
        .thenThrows('EVIDENCE.TOO_LARGE', 'invalid');
    });

    it('ledger text refuses national ID numbers', () => {
      given(opened)
        .when(record(FIRST, 30, { text: '谈话对象11010519491231002X' }))
        .thenThrows('TEXT.NATIONAL_ID', 'invalid');
    });

    it('a team member or a commission does not keep the principal leader’s ledger', () => {
      given(opened)
        .when(record(FIRST, 30, { actor: member }))
        .thenThrows('TEN_THINGS.NOT_PERMITTED', 'forbidden');
      given(opened)
        .when(record(FIRST, 30, { actor: commission }))
        .thenThrows('COMMISSION.READ_ONLY', 'forbidden');
    });

    it('an item not opened has no ledger', () => {
      given().when(record(FIRST, 30)).thenThrows('TEN_THINGS.NOT_FOUND', 'not_found');
    });
  });

  describe('correcting by superseding, never editing', () => {
    it('a correction stands in the place of the line it supersedes, which stays in the log', () => {
      const state = given(opened, recorded(FIRST, 60), recorded(SECOND, 70))
        .when(correct(THIRD, FIRST, 40))
        .then([{ type: 'TenThingsLedgerEntryCorrected', data: { ...line(THIRD, 40), supersedes: FIRST, reason: '进度填报有误' } }]);
      expect(state.status !== 'absent' && state.ledger.map((l) => [l.entryId, l.progress])).toEqual([
        [THIRD, 40],
        [SECOND, 70],
      ]);
    });

    it('a correction keeps progress monotone with the lines around it', () => {
      given(opened, recorded(FIRST, 30), recorded(SECOND, 50))
        .when(correct(THIRD, FIRST, 60))
        .thenThrows('TEN_THINGS.PROGRESS_DECREASED', 'invalid');
    });

    it('an overstated last line is brought down by correcting it', () => {
      const state = given(opened, recorded(FIRST, 30), recorded(SECOND, 90))
        .when(correct(THIRD, SECOND, 50))
        .then([{ type: 'TenThingsLedgerEntryCorrected', data: { ...line(THIRD, 50), supersedes: SECOND, reason: '进度填报有误' } }]);
      expect(state.status !== 'absent' && progressOf(state)).toBe(50);
    });

    it('a superseded line is not corrected again; its replacement is', () => {
      const corrected: TenThingsEvent = {
        type: 'TenThingsLedgerEntryCorrected',
        data: { ...line(SECOND, 40), supersedes: FIRST, reason: '进度填报有误' },
      };
      given(opened, recorded(FIRST, 60), corrected)
        .when(correct(THIRD, FIRST, 45))
        .thenThrows('TEN_THINGS.ENTRY_SUPERSEDED', 'conflict');
      given(opened, recorded(FIRST, 60), corrected)
        .when(correct(THIRD, SECOND, 45))
        .then([{ type: 'TenThingsLedgerEntryCorrected', data: { ...line(THIRD, 45), supersedes: SECOND, reason: '进度填报有误' } }]);
    });

    it('a correction names a line of the ledger', () => {
      given(opened, recorded(FIRST, 30))
        .when(correct(THIRD, SECOND, 30))
        .thenThrows('TEN_THINGS.ENTRY_NOT_FOUND', 'not_found');
    });

    it('a correction needs its reason', () => {
      given(opened, recorded(FIRST, 30))
        .when(correct(THIRD, FIRST, 30, { reason: '' }))
        .thenThrows('TEN_THINGS.REASON_REQUIRED', 'invalid');
    });
  });

  describe('completing', () => {
    it('the principal leader completes an item standing at 100%', () => {
      const state = given(opened, recorded(FIRST, 100))
        .when(complete())
        .then([{ type: 'TenThingsProjectCompleted', data: { completedOn: TODAY } }]);
      expect(state.status).toBe('completed');
    });

    it('an item short of 100% is not completed', () => {
      given(opened, recorded(FIRST, 90)).when(complete()).thenThrows('TEN_THINGS.NOT_FINISHED', 'conflict');
    });

    it('only the principal leader completes an item', () => {
      given(opened, recorded(FIRST, 100)).when(complete(office)).thenThrows('TEN_THINGS.NOT_PERMITTED', 'forbidden');
    });

    it('a completed item takes no more lines or corrections', () => {
      given(opened, recorded(FIRST, 100), completed).when(record(SECOND, 100)).thenThrows('TEN_THINGS.COMPLETED', 'conflict');
      given(opened, recorded(FIRST, 100), completed)
        .when(correct(SECOND, FIRST, 100))
        .thenThrows('TEN_THINGS.COMPLETED', 'conflict');
    });
  });
});
