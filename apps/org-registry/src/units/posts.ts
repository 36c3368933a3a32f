import type { UnitKind } from './unit-kinds';

export const POST_KINDS = [
  'principal_leader', // 书记 / 主要负责人
  'deputy_secretary', // 副书记
  'team_member', // 班子成员
  'commission_secretary', // 纪委书记
  'commission_deputy', // 纪委副书记
  'inspection_group_head', // 纪检组组长
  'department_head', // 部门、乡镇、企事业单位行政负责人
] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** Which posts exist in which kind of unit. */
export const POSTS_BY_UNIT_KIND: Readonly<Record<UnitKind, readonly PostKind[]>> = {
  party_committee: ['principal_leader', 'deputy_secretary', 'team_member'],
  party_group: ['principal_leader', 'deputy_secretary', 'team_member'],
  discipline_commission: ['commission_secretary', 'commission_deputy', 'team_member'],
  discipline_inspection_group: ['inspection_group_head', 'team_member'],
  government_department: ['department_head', 'team_member'],
  township: ['department_head', 'team_member'],
  enterprise_institution: ['department_head', 'team_member'],
};

/** Posts held by at most one person in a unit on any day (acting appointments included). */
export const EXCLUSIVE_POSTS: readonly PostKind[] = [
  'principal_leader',
  'commission_secretary',
  'inspection_group_head',
  'department_head',
];

/** Posts whose holders are put in charge of other units (分管/联系). */
export const PORTFOLIO_POSTS: readonly PostKind[] = ['deputy_secretary', 'team_member', 'commission_deputy'];

export function isPostKind(value: unknown): value is PostKind {
  return (POST_KINDS as readonly unknown[]).includes(value);
}

export function postExistsIn(kind: UnitKind, post: PostKind): boolean {
  return POSTS_BY_UNIT_KIND[kind].includes(post);
}

export function isExclusivePost(post: PostKind): boolean {
  return EXCLUSIVE_POSTS.includes(post);
}

export function holdsPortfolio(post: PostKind): boolean {
  return PORTFOLIO_POSTS.includes(post);
}
