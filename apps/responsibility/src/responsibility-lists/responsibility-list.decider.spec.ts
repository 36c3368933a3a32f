import { deciderSpec, testMetadata } from '@app/domain/testing';
import { DUTY_TEMPLATE } from '../duty-template/duty-template';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';
import type { ResponsibilityListCommand } from './responsibility-list.commands';
import { responsibilityListDecider, totalWeight } from './responsibility-list.decider';
import type { ListItem, ResponsibilityListEvent, ResponsibilityListGenerated } from './responsibility-list.events';

const UNIT = 'zy-pc';
const YEAR = 2024;
const TODAY = '2024-03-01';
const NOW = new Date(`${TODAY}T02:00:00Z`);
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

const leader: ResponsibilityActor = { staffNumber: 'S001', roles: ['principal_leader'] };
const office: ResponsibilityActor = { staffNumber: 'S009', roles: ['unit_staff'] };
const member: ResponsibilityActor = { staffNumber: 'S002', roles: ['team_member'] };
const commission: ResponsibilityActor = { staffNumber: 'J001', roles: ['paired_commission'] };

type DataOf<T extends ResponsibilityListCommand['type']> = Extract<ResponsibilityListCommand, { type: T }>['data'];

function command<T extends ResponsibilityListCommand['type']>(type: T, data: DataOf<T>, now = NOW): ResponsibilityListCommand {
  return { type, data, metadata: testMetadata({ now }) } as ResponsibilityListCommand;
}
const target = { unitCode: UNIT, year: YEAR, actor: office };

const given = (...events: ResponsibilityListEvent[]) => deciderSpec(responsibilityListDecider).given(events);

const responsible = { committee: ['S001', 'S002', 'S003'], principal_leader: ['S001'], team_member: ['S002', 'S003'] };
const deadlines = { year_end: '2024-12-31', responsibility_targets_signed: '2024-03-31' };
const generate = (data: Partial<DataOf<'GenerateResponsibilityList'>> = {}, now = NOW) =>
  command('GenerateResponsibilityList', { ...target, unitKind: 'party_committee', responsible, deadlines, ...data }, now);

const templateItem = (key: string, people: readonly string[], deadline = '2024-12-31'): ListItem => {
  const entry = DUTY_TEMPLATE.find((e) => e.key === key)!;
  return {
    key,
    subject: entry.subject,
    title: entry.title,
    text: entry.text,
    responsible: people,
    deadline,
    requiredEvidence: entry.requiredEvidence,
    weight: entry.weight,
  };
};
const custom: ListItem = {
  key: 'custom.1',
  subject: 'team_member',
  title: '分管领域廉政风险排查',
  responsible: ['S002'],
  deadline: '2024-06-30',
  requiredEvidence: '风险排查台账',
  weight: 2,
};

const generated = (items: readonly ListItem[] = [templateItem('committee.3.1', responsible.committee)]): ResponsibilityListGenerated => ({
  type: 'ResponsibilityListGenerated',
  data: { unitCode: UNIT, year: YEAR, createdOn: TODAY, items },
});
const submitted = (revision = 1, contentHash = HASH, itemCount = 1, weight = 4): ResponsibilityListEvent => ({
  type: 'ResponsibilityListSubmittedForSignOff',
  data: { revision, contentHash, itemCount, totalWeight: weight },
});
const approved = (revision = 1, contentHash = HASH): ResponsibilityListEvent => ({
  type: 'ResponsibilityListApproved',
  data: { unitCode: UNIT, year: YEAR, revision, contentHash },
});
const reopened = (revision = 2): ResponsibilityListEvent => ({
  type: 'ResponsibilityListReopened',
  data: { revision, reason: '调整分工' },
});

const add = (item: Partial<ListItem> = {}, actor = office) =>
  command('AddResponsibilityListItem', { ...target, actor, item: { ...custom, ...item } });
const amend = (changes: DataOf<'AmendResponsibilityListItem'>['changes'], key = 'committee.3.1', actor = office) =>
  command('AmendResponsibilityListItem', { ...target, actor, key, changes });
const remove = (key = 'committee.3.1') => command('RemoveResponsibilityListItem', { ...target, key, reason: '合并' });
const submit = (contentHash = HASH) => command('SubmitResponsibilityListForSignOff', { ...target, contentHash });
const approve = (contentHash = HASH) => command('ApproveResponsibilityList', { unitCode: UNIT, year: YEAR, contentHash });
const reopen = (actor = leader, reason = '调整分工') => command('ReopenResponsibilityList', { ...target, actor, reason });

describe('Responsibility list decider', () => {
  describe('generating from the duty template', () => {
    it('a Party committee’s list carries the committee’s, the principal leader’s and the team members’ duties with their responsible persons', () => {
      const [event] = responsibilityListDecider.decide(generate(), responsibilityListDecider.initialState());
      expect(event.type).toBe('ResponsibilityListGenerated');
      const { items, createdOn } = (event as ResponsibilityListGenerated).data;
      expect(createdOn).toBe(TODAY);
      expect(items.map((i) => i.key)).toEqual(DUTY_TEMPLATE.filter((e) => e.subject !== 'commission').map((e) => e.key));
      expect(items.find((i) => i.key === 'principal_leader.4.1')).toEqual(
        templateItem('principal_leader.4.1', ['S001'], deadlines.responsibility_targets_signed),
      );
      expect(items.find((i) => i.key === 'team_member.5.2')?.responsible).toEqual(['S002', 'S003']);
      expect(totalWeight(items)).toBe(100);
    });

    it('a commission’s list carries the commission’s supervisory duties (§6) only', () => {
      const [event] = responsibilityListDecider.decide(
        generate({ unitKind: 'discipline_commission', responsible: { commission: ['J001', 'J002'] } }),
        responsibilityListDecider.initialState(),
      );
      const { items } = (event as ResponsibilityListGenerated).data;
      expect(items.map((i) => i.key)).toEqual(['1', '2', '3', '4', '5', '6', '7'].map((n) => `commission.6.${n}`));
      expect(items.every((i) => i.responsible.join() === 'J001,J002')).toBe(true);
    });

    it('a unit of an unknown kind gets no list', () => {
      given()
        .when(generate({ unitKind: 'club' }))
        .thenThrows('LIST.UNKNOWN_UNIT_KIND', 'invalid');
    });

    it('every subject of the list needs at least one responsible person', () => {
      const error = given()
        .when(generate({ responsible: { ...responsible, team_member: [] } }))
        .thenThrows('LIST.NO_RESPONSIBLE_PERSON', 'invalid');
      expect(error.details).toEqual({ field: 'responsible.team_member' });
    });

    it('every deadline rule the template names must be resolved to a day', () => {
      const error = given()
        .when(generate({ deadlines: { year_end: '2024-12-31' } }))
        .thenThrows('LIST.DEADLINE_RULE_UNRESOLVED', 'invalid');
      expect(error.details).toEqual({ field: 'deadlines.responsibility_targets_signed' });
    });

    it('a resolved deadline before the list’s creation day is refused, naming the rule', () => {
      const error = given()
        .when(generate({ deadlines: { ...deadlines, responsibility_targets_signed: '2024-02-28' } }))
        .thenThrows('LIST.DEADLINE_BEFORE_CREATION', 'invalid');
      expect(error.details).toEqual({ field: 'deadlines.responsibility_targets_signed' });
    });

    it('a list is generated for the current or the next year only', () => {
      given()
        .when(generate({ year: 2023 }))
        .thenThrows('LIST.YEAR_OUT_OF_RANGE', 'invalid');
      const [event] = responsibilityListDecider.decide(
        generate({ year: 2025, deadlines: { year_end: '2025-12-31', responsibility_targets_signed: '2025-03-31' } }),
        responsibilityListDecider.initialState(),
      );
      expect((event as ResponsibilityListGenerated).data.year).toBe(2025);
    });

    it('a unit has one list per year', () => {
      given(generated()).when(generate()).thenThrows('LIST.ALREADY_GENERATED', 'conflict');
    });

    it('responsible staff numbers are staff numbers, never national ID numbers', () => {
      given()
        .when(generate({ responsible: { ...responsible, principal_leader: ['11010519491231002X'] } }))
        .thenThrows('TEXT.NATIONAL_ID', 'invalid');
    });
  });

  describe('editing before sign-off', () => {
    it('adds an item', () => {
      given(generated())
        .when(add())
        .then([{ type: 'ResponsibilityListItemAdded', data: { item: custom } }]);
    });

    it('item keys are unique within a list', () => {
      given(generated())
        .when(add({ key: 'committee.3.1' }))
        .thenThrows('LIST.DUPLICATE_KEY', 'conflict');
    });

    it('an item needs at least one responsible person', () => {
      given(generated())
        .when(add({ responsible: [] }))
        .thenThrows('LIST.NO_RESPONSIBLE_PERSON', 'invalid');
    });

    it('a deadline lies within the list’s year', () => {
      const error = given(generated())
        .when(add({ deadline: '2025-01-10' }))
        .thenThrows('LIST.DEADLINE_OUT_OF_YEAR', 'invalid');
      expect(error.details).toEqual({ field: 'item.deadline' });
    });

    it('a deadline is not before the day the list was created', () => {
      const error = given(generated())
        .when(amend({ deadline: '2024-02-29' }))
        .thenThrows('LIST.DEADLINE_BEFORE_CREATION', 'invalid');
      expect(error.details).toEqual({ field: 'changes.deadline' });
    });

    it('a deadline is a calendar day', () => {
      given(generated())
        .when(add({ deadline: '2024-02-30' }))
        .thenThrows('DATE.INVALID', 'invalid');
    });

    it('weights are positive', () => {
      given(generated())
        .when(add({ weight: 0 }))
        .thenThrows('LIST.INVALID_WEIGHT', 'invalid');
      given(generated())
        .when(amend({ weight: -1 }))
        .thenThrows('LIST.INVALID_WEIGHT', 'invalid');
    });

    it('a subject is one of the four responsible subjects', () => {
      given(generated())
        .when(add({ subject: 'mayor' as ListItem['subject'] }))
        .thenThrows('LIST.INVALID_SUBJECT', 'invalid');
    });

    it('free text refuses national ID numbers', () => {
      const error = given(generated())
        .when(add({ requiredEvidence: '身份证号11010519491231002X的承诺书' }))
        .thenThrows('TEXT.NATIONAL_ID', 'invalid');
      expect(error.details).toEqual({ field: 'item.requiredEvidence' });
    });

    it('an amendment records only the fields that changed', () => {
      given(generated())
        .when(amend({ title: '研究部署', weight: 6, responsible: ['S001'] }))
        .then([{ type: 'ResponsibilityListItemAmended', data: { key: 'committee.3.1', changes: { weight: 6, responsible: ['S001'] } } }]);
    });

    it('an amendment that changes nothing records nothing', () => {
      given(generated())
        .when(amend({ weight: 4 }))
        .thenNothing();
    });

    it('amending or removing an item the list does not have is not found', () => {
      given(generated())
        .when(amend({ weight: 3 }, 'custom.9'))
        .thenThrows('LIST.ITEM_NOT_FOUND', 'not_found');
      given(generated()).when(remove('custom.9')).thenThrows('LIST.ITEM_NOT_FOUND', 'not_found');
    });

    it('removes an item with its reason', () => {
      const state = given(generated())
        .when(remove())
        .then([{ type: 'ResponsibilityListItemRemoved', data: { key: 'committee.3.1', reason: '合并' } }]);
      expect(state.status !== 'absent' && state.items).toEqual([]);
    });

    it('a list not generated yet cannot be edited', () => {
      given().when(add()).thenThrows('LIST.NOT_FOUND', 'not_found');
    });

    it('only the principal leader and the unit’s office keep the list', () => {
      given(generated()).when(add({}, member)).thenThrows('LIST.NOT_PERMITTED', 'forbidden');
      given(generated())
        .when(add({}, leader))
        .then([{ type: 'ResponsibilityListItemAdded', data: { item: custom } }]);
    });

    it('a commission reads the list but never edits it', () => {
      given(generated())
        .when(amend({ weight: 3 }, 'committee.3.1', commission))
        .thenThrows('COMMISSION.READ_ONLY', 'forbidden');
      given(generated())
        .when(add({}, { staffNumber: 'J001', roles: ['commission', 'unit_staff'] }))
        .thenThrows('COMMISSION.READ_ONLY', 'forbidden');
    });
  });

  describe('sign-off', () => {
    it('submits the revision for sign-off with its content hash and the weights’ sum reported', () => {
      given(generated([templateItem('committee.3.1', ['S001']), { ...custom, weight: 2.5 }]))
        .when(submit())
        .then([submitted(1, HASH, 2, 6.5)]);
    });

    it('an empty list cannot be submitted', () => {
      given(generated([])).when(submit()).thenThrows('LIST.EMPTY', 'conflict');
    });

    it('the content hash is a hex digest', () => {
      given(generated()).when(submit('not-a-hash')).thenThrows('LIST.INVALID_CONTENT_HASH', 'invalid');
    });

    it('a submitted list is locked against edits', () => {
      given(generated(), submitted()).when(add()).thenThrows('LIST.LOCKED', 'conflict');
      given(generated(), submitted()).when(submit()).thenThrows('LIST.LOCKED', 'conflict');
    });

    it('is approved when the submitted content was signed', () => {
      given(generated(), submitted()).when(approve()).then([approved()]);
    });

    it('an approval repeated for the signed content changes nothing', () => {
      given(generated(), submitted(), approved()).when(approve()).thenNothing();
    });

    it('the signed content must be the submitted revision', () => {
      given(generated(), submitted()).when(approve(OTHER_HASH)).thenThrows('LIST.CONTENT_HASH_MISMATCH', 'conflict');
    });

    it('only a submitted list can be approved', () => {
      given(generated()).when(approve()).thenThrows('LIST.NOT_SUBMITTED', 'conflict');
    });

    it('an approved list is locked against edits', () => {
      given(generated(), submitted(), approved())
        .when(amend({ weight: 3 }))
        .thenThrows('LIST.LOCKED', 'conflict');
    });
  });

  describe('reopening as a new revision', () => {
    it('the principal leader reopens a signed list as the next revision, with a reason', () => {
      const state = given(generated(), submitted(), approved())
        .when(reopen())
        .then([reopened(2)]);
      expect(state).toMatchObject({ status: 'drafting', revision: 2 });
    });

    it('a reopened list takes edits and is submitted as its new revision', () => {
      given(generated(), submitted(), approved(), reopened(2))
        .when(submit(OTHER_HASH))
        .then([submitted(2, OTHER_HASH)]);
    });

    it('a list being drafted is not reopened', () => {
      given(generated()).when(reopen()).thenThrows('LIST.NOT_LOCKED', 'conflict');
    });

    it('only the principal leader reopens a locked list', () => {
      given(generated(), submitted()).when(reopen(office)).thenThrows('LIST.NOT_PERMITTED', 'forbidden');
    });

    it('a reopening needs a reason', () => {
      given(generated(), submitted()).when(reopen(leader, ' ')).thenThrows('LIST.REASON_REQUIRED', 'invalid');
    });
  });
});
