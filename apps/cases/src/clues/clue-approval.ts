import type { RequiredApproval } from './clue.events';

/**
 * Who approves a clue's disposal (审批), by the post its subject held on the day of the proposal.
 * Table-driven: the first row whose `subjectPosts` a subject held applies to that subject; for a
 * clue about several people the strictest row over all of them applies. The approver must hold
 * one of `approverPosts` in the handling commission on the day of the approval.
 *
 * The first row is the example (a lower Party committee's principal leader: the
 * commission secretary, or the head of an inspection group acting as one); the other two are
 * this platform's defaults (cadre management authority 干部管理权限 varies by place): other
 * leading posts need a secretary or deputy secretary of the commission, anyone else the
 * commission's leadership (secretary, deputies or a team member).
 */
export const CLUE_APPROVAL_RULES: readonly {
  readonly rank: string;
  readonly subjectPosts: readonly string[] | 'any';
  readonly approverPosts: readonly string[];
  readonly basis: string;
}[] = [
  {
    rank: 'committee_principal',
    subjectPosts: ['principal_leader'],
    approverPosts: ['commission_secretary', 'inspection_group_head'],
    basis: '反映下级党委（党组）主要负责人的问题线索，处置意见报纪委书记审批',
  },
  {
    rank: 'leading_cadre',
    subjectPosts: [
      'deputy_secretary',
      'team_member',
      'department_head',
      'commission_secretary',
      'commission_deputy',
      'inspection_group_head',
    ],
    approverPosts: ['commission_secretary', 'inspection_group_head', 'commission_deputy'],
    basis: '反映其他领导干部的问题线索，处置意见报纪委书记或分管副书记审批（平台默认）',
  },
  {
    rank: 'other',
    subjectPosts: 'any',
    approverPosts: ['commission_secretary', 'inspection_group_head', 'commission_deputy', 'team_member'],
    basis: '其他问题线索，处置意见报纪委领导班子成员审批（平台默认）',
  },
];

/** The approval a clue needs, from the posts each subject held (one list per subject, `[]` for none). */
export function requiredApproval(postsOfSubjects: readonly (readonly string[])[]): RequiredApproval {
  const rowOf = (posts: readonly string[]) =>
    CLUE_APPROVAL_RULES.findIndex((row) => row.subjectPosts === 'any' || row.subjectPosts.some((post) => posts.includes(post)));
  const strictest = Math.min(...postsOfSubjects.map(rowOf), CLUE_APPROVAL_RULES.length - 1);
  const { rank, approverPosts } = CLUE_APPROVAL_RULES[strictest];
  return { rank, approverPosts };
}
