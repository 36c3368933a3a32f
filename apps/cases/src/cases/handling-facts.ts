import { Injectable } from '@nestjs/common';
import { enclosingJurisdictions, NATIONAL_DEFAULT_RULES, RuleBook, type DeadlineRule } from '@app/deadlines';
import { DomainError } from '@app/domain';
import { hasRole, type Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import type { HandlingActor, HandlingRole, Subject } from './handling-actor';

const SECRETARY_POSTS = ['commission_secretary', 'inspection_group_head'];
const RULES = new RuleBook(NATIONAL_DEFAULT_RULES);

/**
 * What the rules of inquiries, checks and cases need from outside their streams, from the token and
 * the registry view as of a day: who the caller is to the handling commission, who must endorse a
 * respondent's reply, the deadline rule in force, and who may read.
 */
@Injectable()
export class HandlingFacts {
  constructor(private readonly view: RegistryView) {}

  /** `commission_office`: a commission officer acting for the commission; `secretary`: its secretary that day. */
  async actorOf(principal: Principal, commission: string, day: string): Promise<HandlingActor> {
    const roles: HandlingRole[] = [];
    if (hasRole(principal, 'commission_officer') && principal.units.includes(commission)) roles.push('commission_office');
    const holders = await Promise.all(SECRETARY_POSTS.map((post) => this.view.holdersOn(commission, post, day)));
    if (holders.flat().some((holder) => holder.staffNumber === principal.personId)) roles.push('secretary');
    return { staffNumber: principal.personId, roles };
  }

  /**
   * Who endorses the respondent's reply on the day: the principal leader of the Party committee
   * responsible for the respondent's unit (the unit's own, or the nearest above); when the
   * respondent is that leader, the principal leader of the committee above.
   */
  async endorserOf(respondent: Subject, day: string): Promise<{ staffNumber: string; committeeCode: string } | null> {
    const chain = await this.view.responsibilityChainOn(respondent.unitCode, day);
    const own = chain?.responsible?.committee;
    if (own?.principalLeader && own.principalLeader.staffNumber !== respondent.staffNumber) {
      return { staffNumber: own.principalLeader.staffNumber, committeeCode: own.code };
    }
    const higher = own ? chain?.higher?.committee : undefined;
    return higher?.principalLeader ? { staffNumber: higher.principalLeader.staffNumber, committeeCode: higher.code } : null;
  }

  /** The deadline rule in force that day for the commission, the most local one allowed. */
  async ruleFor(name: string, commission: string, day: string): Promise<DeadlineRule> {
    const unit = await this.view.unitOn(commission, day);
    if (!unit) throw new DomainError('CASE.COMMISSION_NOT_ON_DAY', `${commission} did not exist on ${day}`, 'conflict');
    return RULES.resolve(name, enclosingJurisdictions(unit.jurisdictionCode), day);
  }

  /** Every unit existed on the day (422 naming the field; 409 when the view has never seen one). */
  async requireUnitsOn(codes: readonly { code: string; field: string }[], day: string): Promise<void> {
    for (const { code, field } of codes) {
      if (!(await this.view.unitOn(code, day))) {
        throw new DomainError('CASE.UNIT_NOT_ON_DAY', `unit ${code} did not exist on ${day}`, 'invalid', { field });
      }
    }
  }

  /** Every person is known to the registry (409 REGISTRY.NOT_CAUGHT_UP otherwise). */
  async requirePersons(staffNumbers: readonly string[], day: string): Promise<void> {
    for (const staffNumber of staffNumbers) await this.view.personOn(staffNumber, day);
  }

  /**
   * Who reads an inquiry, a check or a case: auditors, the handling commission's officers and its
   * secretary, and the `also` named (an inquiry's respondent and endorser) — never another subject.
   */
  async assertMayRead(
    principal: Principal,
    matter: { commission: string; subjects: readonly string[]; also?: readonly string[] },
    today: string,
  ): Promise<void> {
    if (matter.also?.includes(principal.personId)) return;
    if (!matter.subjects.includes(principal.personId)) {
      if (hasRole(principal, 'auditor')) return;
      const actor = await this.actorOf(principal, matter.commission, today);
      if (actor.roles.length > 0) return;
    }
    throw new DomainError('AUTH.FORBIDDEN', 'You do not have access to this matter.', 'forbidden');
  }
}
