import { DomainError } from '@app/domain';
import type { DeadlineRule } from './deadline-rule';
import { NATIONAL, type Jurisdiction } from './jurisdiction';

/** Test fixtures: a Henan → Zhengzhou → district chain and a rule builder. */
export const HENAN: Jurisdiction = { level: 'province', code: '410000' };
export const ZHENGZHOU: Jurisdiction = { level: 'city', code: '410100' };
export const JINSHUI: Jurisdiction = { level: 'district', code: '410105' };
export const DISTRICT_CHAIN: readonly Jurisdiction[] = [NATIONAL, HENAN, ZHENGZHOU, JINSHUI];

export function ruleOf(overrides: Partial<DeadlineRule> = {}): DeadlineRule {
  return {
    name: 'meeting_filing.due',
    parameter: 7,
    unit: 'calendar_days',
    legalBasis: '测试依据',
    jurisdiction: NATIONAL,
    effectiveFrom: '2014-01-01',
    ...overrides,
  };
}

/** The code of the DomainError an action throws, `not a DomainError` for another error, else undefined. */
export function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}
