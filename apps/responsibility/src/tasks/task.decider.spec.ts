import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { EvidenceAttachment } from '../duty-template/evidence-attachments';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';
import type { TaskCommand } from './task.commands';
import { taskDecider } from './task.decider';
import type { TaskAssigned, TaskEntry, TaskEvent } from './task.events';

const TASK = '5b7e9f1c-2d34-4a6b-8c9d-0e1f2a3b4c5d';
const ENTRY = '6c8fa02d-3e45-4b7c-9dae-1f203b4c5d6e';
const SECOND_ENTRY = '7d90b13e-4f56-4c8d-aebf-20314c5d6e7f';
const ASSIGNED_ON = '2024-03-01';

const leader: ResponsibilityActor = { staffNumber: 'S001', roles: ['principal_leader'] };
const assignee: ResponsibilityActor = { staffNumber: 'S002', roles: ['team_member'] };
const otherMember: ResponsibilityActor = { staffNumber: 'S003', roles: ['team_member'] };
const commission: ResponsibilityActor = { staffNumber: 'J001', roles: ['paired_commission'] };

const at = (day: string) => new Date(`${day}T02:00:00Z`);
type DataOf<T extends TaskCommand['type']> = Extract<TaskCommand, { type: T }>['data'];
function command<T extends TaskCommand['type']>(type: T, data: DataOf<T>, day = '2024-04-01'): TaskCommand {
  return { type, data, metadata: testMetadata({ now: at(day) }) } as TaskCommand;
}
const given = (...events: TaskEvent[]) => deciderSpec(taskDecider).given(events);

const evidence: EvidenceAttachment = { name: '会议记录.pdf', mediaType: 'application/pdf', size: 1024, sha256: 'c'.repeat(64) };

const assignedData: TaskAssigned['data'] = {
  taskId: TASK,
  unitCode: 'zy-pc',
  year: 2024,
  itemKey: 'team_member.5.1',
  areaCode: 'zy-fin',
  title: '部署财政系统党风廉政建设工作',
  assignee: 'S002',
  due: '2024-06-30',
  assignedOn: ASSIGNED_ON,
};
const assigned = (data: Partial<TaskAssigned['data']> = {}): TaskAssigned => ({ type: 'TaskAssigned', data: { ...assignedData, ...data } });
const claimed: TaskEvent = { type: 'TaskClaimed', data: { claimedOn: '2024-03-02' } };
const entryData = (data: Partial<TaskEntry> = {}): TaskEntry => ({
  entryId: ENTRY,
  day: '2024-03-20',
  text: '召开财政系统党风廉政建设专题会议',
  attachments: [evidence],
  enteredOn: '2024-04-01',
  late: false,
  ...data,
});
const performed = (data: Partial<TaskEntry> = {}): TaskEvent => ({ type: 'TaskPerformed', data: entryData(data) });

const assign = (data: Partial<DataOf<'AssignTask'>> = {}, day = ASSIGNED_ON) =>
  command(
    'AssignTask',
    {
      ...assignedData,
      itemDeadline: '2024-12-31',
      assigneeIsTeamMember: true,
      portfolioCoversArea: true,
      actor: leader,
      ...data,
    },
    day,
  );
const claim = (actor = assignee, day = '2024-03-02') => command('ClaimTask', { taskId: TASK, actor }, day);
const entryCommand = (type: 'PerformTask' | 'RecordTask', data: Partial<DataOf<'PerformTask'>> = {}, day = '2024-04-01') =>
  command(
    type,
    {
      taskId: TASK,
      entryId: ENTRY,
      day: '2024-03-20',
      text: '召开财政系统党风廉政建设专题会议',
      attachments: [evidence],
      lateEntries: 'locked',
      actor: assignee,
      ...data,
    },
    day,
  );
const perform = (data: Partial<DataOf<'PerformTask'>> = {}, day = '2024-04-01') => entryCommand('PerformTask', data, day);
const complete = (actor = assignee, day = '2024-05-01') => command('CompleteTask', { taskId: TASK, actor }, day);

describe('Task decider', () => {
  describe('assigning along portfolios', () => {
    it('assigns a list item’s task to a team member whose portfolio covers the area', () => {
      given().when(assign()).then([assigned()]);
    });

    it('a task goes only to a team member of the unit', () => {
      const error = given()
        .when(assign({ assigneeIsTeamMember: false }))
        .thenThrows('TASK.ASSIGNEE_NOT_TEAM_MEMBER', 'invalid');
      expect(error.details).toEqual({ field: 'assignee' });
    });

    it('a task outside the assignee’s portfolio is refused', () => {
      const error = given()
        .when(assign({ portfolioCoversArea: false }))
        .thenThrows('TASK.OUTSIDE_PORTFOLIO', 'invalid');
      expect(error.details).toEqual({ field: 'areaCode' });
    });

    it('a task is due no later than its list item', () => {
      given()
        .when(assign({ due: '2024-07-01', itemDeadline: '2024-06-30' }))
        .thenThrows('TASK.DUE_AFTER_ITEM_DEADLINE', 'invalid');
    });

    it('a task is not due in the past', () => {
      given()
        .when(assign({ due: '2024-02-29' }))
        .thenThrows('TASK.DUE_IN_PAST', 'invalid');
    });

    it('only the principal leader or the office assigns tasks', () => {
      given()
        .when(assign({ actor: otherMember }))
        .thenThrows('TASK.NOT_PERMITTED', 'forbidden');
    });

    it('a commission never assigns a unit’s tasks', () => {
      given()
        .when(assign({ actor: commission }))
        .thenThrows('COMMISSION.READ_ONLY', 'forbidden');
    });

    it('a task id is assigned once', () => {
      given(assigned()).when(assign()).thenThrows('TASK.ALREADY_ASSIGNED', 'conflict');
    });

    it('a task title refuses national ID numbers', () => {
      given()
        .when(assign({ title: '核查11010519491231002X' }))
        .thenThrows('TEXT.NATIONAL_ID', 'invalid');
    });
  });

  describe('claim, perform, record (领责、履责、记实)', () => {
    it('the assignee claims the task', () => {
      given(assigned()).when(claim()).then([claimed]);
    });

    it('claiming a claimed task again changes nothing', () => {
      given(assigned(), claimed).when(claim()).thenNothing();
    });

    it('another team member cannot claim, record or complete someone else’s task', () => {
      given(assigned()).when(claim(otherMember)).thenThrows('TASK.NOT_ASSIGNEE', 'forbidden');
      given(assigned(), claimed)
        .when(perform({ actor: otherMember }))
        .thenThrows('TASK.NOT_ASSIGNEE', 'forbidden');
      given(assigned(), claimed, performed()).when(complete(otherMember)).thenThrows('TASK.NOT_ASSIGNEE', 'forbidden');
    });

    it('the principal leader does not record in a team member’s stead', () => {
      given(assigned(), claimed)
        .when(perform({ actor: leader }))
        .thenThrows('TASK.NOT_ASSIGNEE', 'forbidden');
    });

    it('a commission never edits a unit’s task, even one assigned to the same staff number', () => {
      given(assigned(), claimed)
        .when(perform({ actor: { staffNumber: 'S002', roles: ['team_member', 'commission'] } }))
        .thenThrows('COMMISSION.READ_ONLY', 'forbidden');
    });

    it('records what was performed, dated, with its evidence references', () => {
      given(assigned(), claimed).when(perform()).then([performed()]);
    });

    it('records a written account (记实) the same way', () => {
      given(assigned(), claimed)
        .when(entryCommand('RecordTask'))
        .then([{ type: 'TaskRecorded', data: entryData() }]);
    });

    it('a task is claimed before anything is recorded on it', () => {
      given(assigned()).when(perform()).thenThrows('TASK.NOT_CLAIMED', 'conflict');
    });

    it('an entry dated in the future is refused', () => {
      const error = given(assigned(), claimed)
        .when(perform({ day: '2024-04-02' }))
        .thenThrows('TASK.ENTRY_IN_FUTURE', 'invalid');
      expect(error.details).toEqual({ field: 'day' });
    });

    it('an entry dated before the assignment is refused', () => {
      const error = given(assigned(), claimed)
        .when(perform({ day: '2024-02-29' }))
        .thenThrows('TASK.ENTRY_BEFORE_ASSIGNMENT', 'invalid');
      expect(error.details).toEqual({ field: 'day' });
    });

    it('an entry id is used once', () => {
      given(assigned(), claimed, performed()).when(perform()).thenThrows('TASK.DUPLICATE_ENTRY', 'conflict');
    });

    it('an entry needs its text, free of national ID numbers', () => {
      given(assigned(), claimed)
        .when(perform({ text: '' }))
        .thenThrows('TASK.TEXT_REQUIRED', 'invalid');
      given(assigned(), claimed)
        .when(perform({ text: '约谈11010519491231002X' }))
        .thenThrows('TEXT.NATIONAL_ID', 'invalid');
    });

    it('an attachment over 20 MiB is refused, naming it', () => {
      const error = given(assigned(), claimed)
        .when(perform({ attachments: [evidence, { ...evidence, sha256: 'd'.repeat(64), size: 20 * 1024 * 1024 + 1 }] }))
        .thenThrows('EVIDENCE.TOO_LARGE', 'invalid');
      expect(error.details).toEqual({ field: 'attachments[1].size' });
    });
  });

  describe('late entries by the rule in force', () => {
    it('after the due day entries are locked when the rule locks them', () => {
      given(assigned(), claimed)
        .when(perform({ lateEntries: 'locked' }, '2024-07-01'))
        .thenThrows('TASK.LATE_ENTRY_LOCKED', 'conflict');
    });

    it('after the due day an entry is accepted and flagged late when the rule accepts it', () => {
      given(assigned(), claimed)
        .when(perform({ lateEntries: 'accepted_flagged' }, '2024-07-01'))
        .then([performed({ enteredOn: '2024-07-01', late: true })]);
    });

    it('on the due day itself an entry is on time', () => {
      given(assigned(), claimed)
        .when(perform({ lateEntries: 'locked' }, '2024-06-30'))
        .then([performed({ enteredOn: '2024-06-30' })]);
    });

    it('the late-entry rule is one the platform knows', () => {
      given(assigned(), claimed)
        .when(perform({ lateEntries: 'sometimes' }))
        .thenThrows('TASK.INVALID_LATE_RULE', 'invalid');
    });
  });

  describe('completing', () => {
    it('the assignee completes a task once something was performed', () => {
      given(assigned(), claimed, performed())
        .when(complete())
        .then([{ type: 'TaskCompleted', data: { completedOn: '2024-05-01', late: false } }]);
    });

    it('a completion after the due day is marked late', () => {
      given(assigned(), claimed, performed())
        .when(complete(assignee, '2024-07-02'))
        .then([{ type: 'TaskCompleted', data: { completedOn: '2024-07-02', late: true } }]);
    });

    it('a task with nothing performed is not completed', () => {
      given(assigned(), claimed).when(complete()).thenThrows('TASK.NOTHING_PERFORMED', 'conflict');
    });

    it('a completed task takes no more entries', () => {
      given(assigned(), claimed, performed(), { type: 'TaskCompleted', data: { completedOn: '2024-05-01', late: false } })
        .when(perform({ entryId: SECOND_ENTRY }))
        .thenThrows('TASK.COMPLETED', 'conflict');
    });

    it('a task that does not exist is not found', () => {
      given().when(claim()).thenThrows('TASK.NOT_FOUND', 'not_found');
    });
  });
});
