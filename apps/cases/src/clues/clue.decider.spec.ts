import { NATIONAL, NATIONAL_DEFAULT_RULES, RULE_NAMES, RuleBook } from '@app/deadlines';
import { deciderSpec, testMetadata } from '@app/domain/testing';
import { CLUE_APPROVAL_RULES, requiredApproval } from './clue-approval';
import type { ClueActor, ClueCommand, RegisterClue } from './clue.commands';
import { clueDecider } from './clue.decider';
import type { ClueEvent, ClueRegistered, RequiredApproval } from './clue.events';

const book = new RuleBook(NATIONAL_DEFAULT_RULES);
const disposalRule = book.resolve(RULE_NAMES.clueDisposal, [NATIONAL], '2026-03-02');
const clueId = '7a1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const petitionId = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const officer: ClueActor = { staffNumber: 'S-OFFICER', officer: true, commissionPosts: [] };
const secretary: ClueActor = { staffNumber: 'S-SEC', officer: false, commissionPosts: ['commission_secretary'] };
const deputy: ClueActor = { staffNumber: 'S-DEP', officer: false, commissionPosts: ['commission_deputy'] };
const stranger: ClueActor = { staffNumber: 'S-OTHER', officer: false, commissionPosts: [] };
const metadata = testMetadata({ now: new Date('2026-03-20T02:00:00Z') });
const subjects = [{ staffNumber: 'S-TOWN', unitCode: 'XZ' }];
const forPrincipal: RequiredApproval = { rank: 'committee_principal', approverPosts: ['commission_secretary', 'inspection_group_head'] };

function registration(overrides: Partial<RegisterClue['data']> = {}): ClueCommand {
  return {
    type: 'RegisterClue',
    data: {
      clueId,
      commission: 'JW-JS',
      source: 'petition',
      petitionId,
      petition: { commission: 'JW-JS', status: 'accepted' },
      subjects,
      registeredOn: '2026-03-02',
      disposalRule,
      actor: officer,
      ...overrides,
    },
    metadata,
  };
}

const registered = (overrides: Partial<ClueRegistered['data']> = {}): ClueRegistered => ({
  type: 'ClueRegistered',
  data: {
    clueId,
    number: 'XS-2026-7A1C2D3E',
    commission: 'JW-JS',
    source: 'petition',
    petitionId,
    subjects,
    registeredOn: '2026-03-02',
    recordedOn: '2026-03-20',
    registeredBy: 'S-OFFICER',
    disposalDueOn: '2026-04-02',
    ...overrides,
  },
});
const reviewed: ClueEvent = {
  type: 'ClueReviewed',
  data: { clueId, commission: 'JW-JS', reviewedOn: '2026-03-10', participants: ['S-A', 'S-B'], by: 'S-OFFICER' },
};
const proposed = (method: 'inquiry' | 'close' = 'inquiry', approval = forPrincipal): ClueEvent => ({
  type: 'ClueDisposalProposed',
  data: { clueId, commission: 'JW-JS', method, approval, proposedOn: '2026-03-20', by: 'S-OFFICER' },
});
const approved: ClueEvent = {
  type: 'ClueDisposalApproved',
  data: { clueId, commission: 'JW-JS', method: 'inquiry', subjects, approvedOn: '2026-03-20', approvedBy: 'S-SEC' },
};

const review = (participants: string[], reviewedOn = '2026-03-10', actor = officer): ClueCommand => ({
  type: 'ReviewClue',
  data: { clueId, reviewedOn, participants, actor },
  metadata,
});
const propose = (method: string, approval = forPrincipal, actor = officer): ClueCommand => ({
  type: 'ProposeClueDisposal',
  data: { clueId, method, approval, actor },
  metadata,
});
const approve = (actor: ClueActor): ClueCommand => ({ type: 'ApproveClueDisposal', data: { clueId, actor }, metadata });
const markOverdue = (now: string): ClueCommand => ({
  type: 'MarkClueOverdue',
  data: { clueId },
  metadata: testMetadata({ now: new Date(now) }),
});
const spec = deciderSpec(clueDecider);

describe('clue decider', () => {
  describe('registration', () => {
    it('registers a clue from an accepted petition of the same commission, with its disposal decision due a month later', () => {
      spec.given([]).when(registration()).then([registered()]);
    });

    it('registers clues from a tour, an audit or another source with their reference, and never with a petition', () => {
      const { petitionId: _p, ...fromTour } = registered({ source: 'inspection_tour', reference: 'XC-2026-03' }).data;
      spec
        .given([])
        .when(registration({ source: 'inspection_tour', petitionId: undefined, petition: undefined, reference: 'XC-2026-03' }))
        .then([{ type: 'ClueRegistered', data: fromTour }]);
      spec
        .given([])
        .when(registration({ source: 'audit' }))
        .thenThrows('CLUE.PETITION_WITHOUT_SOURCE', 'invalid');
    });

    it('refuses a petition that does not exist, belongs to another commission or was not accepted', () => {
      spec
        .given([])
        .when(registration({ petition: null }))
        .thenThrows('CLUE.PETITION_NOT_FOUND', 'invalid');
      spec
        .given([])
        .when(registration({ petition: { commission: 'JW-ZZ', status: 'accepted' } }))
        .thenThrows('CLUE.PETITION_ELSEWHERE', 'invalid');
      spec
        .given([])
        .when(registration({ petition: { commission: 'JW-JS', status: 'transferred' } }))
        .thenThrows('CLUE.PETITION_NOT_ACCEPTED', 'invalid');
    });

    it('refuses an unknown source, no subjects, a subject twice, a day in the future, a second registration and someone not for the commission', () => {
      spec
        .given([])
        .when(registration({ source: 'rumour' }))
        .thenThrows('CLUE.INVALID_SOURCE');
      spec
        .given([])
        .when(registration({ subjects: [] }))
        .thenThrows('CLUE.NO_SUBJECTS');
      spec
        .given([])
        .when(registration({ subjects: [...subjects, ...subjects] }))
        .thenThrows('CLUE.SUBJECT_TWICE');
      spec
        .given([])
        .when(registration({ registeredOn: '2026-03-21' }))
        .thenThrows('CLUE.REGISTERED_IN_FUTURE');
      spec.given([registered()]).when(registration()).thenThrows('CLUE.ALREADY_REGISTERED', 'conflict');
      spec
        .given([])
        .when(registration({ actor: stranger }))
        .thenThrows('CLUE.NOT_FOR_COMMISSION', 'forbidden');
    });
  });

  describe('collective review', () => {
    it('records the review with its day and participants', () => {
      spec
        .given([registered()])
        .when(review(['S-A', 'S-B', 'S-A']))
        .then([reviewed]);
    });

    it('a review is collective, without the subjects, between registration and today', () => {
      spec
        .given([registered()])
        .when(review(['S-A']))
        .thenThrows('CLUE.REVIEW_NOT_COLLECTIVE');
      spec
        .given([registered()])
        .when(review(['S-A', 'S-TOWN']))
        .thenThrows('CLUE.SUBJECT_IN_REVIEW');
      spec
        .given([registered()])
        .when(review(['S-A', 'S-B'], '2026-03-01'))
        .thenThrows('CLUE.REVIEWED_BEFORE_REGISTRATION');
      spec
        .given([registered()])
        .when(review(['S-A', 'S-B'], '2026-03-21'))
        .thenThrows('CLUE.REVIEWED_IN_FUTURE');
      spec
        .given([])
        .when(review(['S-A', 'S-B']))
        .thenThrows('CLUE.NOT_FOUND', 'not_found');
    });
  });

  describe('proposal', () => {
    it('proposes one of the four methods after the review, with who must approve; the same again records nothing, another replaces it', () => {
      spec
        .given([registered(), reviewed])
        .when(propose('inquiry'))
        .then([proposed('inquiry')]);
      spec
        .given([registered(), reviewed, proposed('inquiry')])
        .when(propose('inquiry'))
        .then([]);
      spec
        .given([registered(), reviewed, proposed('inquiry')])
        .when(propose('close'))
        .then([proposed('close')]);
    });

    it('refuses any other method, a proposal before the review and after the disposal', () => {
      spec.given([registered(), reviewed]).when(propose('warning')).thenThrows('CLUE.INVALID_METHOD', 'invalid');
      spec.given([registered()]).when(propose('hold')).thenThrows('CLUE.NOT_REVIEWED', 'conflict');
      spec.given([registered(), reviewed, proposed(), approved]).when(propose('hold')).thenThrows('CLUE.ALREADY_DISPOSED', 'conflict');
    });
  });

  describe('approval chain', () => {
    it('a lower committee’s principal leader needs the commission secretary: the secretary approves, once', () => {
      spec.given([registered(), reviewed, proposed()]).when(approve(secretary)).then([approved]);
      spec.given([registered(), reviewed, proposed(), approved]).when(approve(secretary)).then([]);
      spec.given([registered(), reviewed, proposed(), approved]).when(approve(deputy)).thenThrows('CLUE.ALREADY_DISPOSED', 'conflict');
    });

    it('someone without the required post that day, or a subject, is refused', () => {
      spec.given([registered(), reviewed, proposed()]).when(approve(deputy)).thenThrows('CLUE.APPROVER_WITHOUT_POST', 'forbidden');
      spec.given([registered(), reviewed, proposed()]).when(approve(officer)).thenThrows('CLUE.APPROVER_WITHOUT_POST', 'forbidden');
      spec
        .given([registered(), reviewed, proposed()])
        .when(approve({ ...secretary, staffNumber: 'S-TOWN' }))
        .thenThrows('CLUE.APPROVER_IS_SUBJECT', 'forbidden');
    });

    it('a deputy secretary approves the disposal of a clue about another leading cadre', () => {
      const forCadre = requiredApproval([['team_member']]);
      spec
        .given([registered(), reviewed, proposed('inquiry', forCadre)])
        .when(approve(deputy))
        .then([{ ...approved, data: { ...approved.data, approvedBy: 'S-DEP' } }]);
    });

    it('nothing proposed, nothing to approve', () => {
      spec.given([registered(), reviewed]).when(approve(secretary)).thenThrows('CLUE.NOTHING_PROPOSED', 'conflict');
    });
  });

  describe('the approval table', () => {
    it('takes the strictest row over every subject', () => {
      expect(requiredApproval([[]])).toEqual({ rank: 'other', approverPosts: CLUE_APPROVAL_RULES[2].approverPosts });
      expect(requiredApproval([['department_head']]).rank).toBe('leading_cadre');
      expect(requiredApproval([[], ['team_member'], ['principal_leader', 'team_member']])).toEqual(forPrincipal);
    });
  });

  describe('the disposal deadline', () => {
    it('records the decision overdue once, from the day after the due day, never once approved', () => {
      spec.given([registered()]).when(markOverdue('2026-04-02T02:00:00Z')).then([]);
      const overdue: ClueEvent = {
        type: 'ClueDisposalOverdue',
        data: { clueId, commission: 'JW-JS', dueOn: '2026-04-02', markedOn: '2026-04-03' },
      };
      spec.given([registered()]).when(markOverdue('2026-04-03T02:00:00Z')).then([overdue]);
      spec.given([registered(), overdue]).when(markOverdue('2026-04-10T02:00:00Z')).then([]);
      spec.given([registered(), reviewed, proposed(), approved]).when(markOverdue('2026-04-10T02:00:00Z')).then([]);
    });
  });
});
