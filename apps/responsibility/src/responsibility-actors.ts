import { Injectable } from '@nestjs/common';
import { DomainError, requireDay } from '@app/domain';
import { hasRole, type Principal } from '@app/platform';
import { principalLeaderOn, RegistryView, teamOn, type UnitHistory } from '@app/registry-view';
import type { ActorRole, ResponsibilityActor } from './duty-template/responsibility-actor';

const TEAM_POSTS = ['team_member', 'deputy_secretary'];

/**
 * Who the caller is to a unit on a day, from the token and the registry view: the deciders decide
 * with these roles. The staff number is the token's subject. Posts come from the registry as of
 * the day (principal leader, team member); keeping the unit's records takes a `unit_officer` token
 * acting for the unit; a `commission_officer` acting for the commission paired with the unit's
 * Party committee that day supervises it, any other commission officer is a commission.
 */
@Injectable()
export class ResponsibilityActors {
  constructor(private readonly view: RegistryView) {}

  /** `unit`: the unit's history when the caller has read it already (one read of the view fewer). */
  async actorOf(principal: Principal, unitCode: string, day: string, unit?: UnitHistory): Promise<ResponsibilityActor> {
    const staffNumber = principal.personId;
    requireDay(day, 'day');
    const [history, pairedCommission] = await Promise.all([
      unit ?? this.view.unitHistory(unitCode),
      this.pairedCommissionOf(unitCode, day),
    ]);
    const leader = principalLeaderOn(history, day);
    const team = teamOn(history, day);
    const roles: ActorRole[] = [];
    if (leader?.staffNumber === staffNumber) roles.push('principal_leader');
    if (team.some((member) => member.staffNumber === staffNumber && TEAM_POSTS.includes(member.post))) roles.push('team_member');
    // A commission's own officers keep the commission's records (its supervisory report, its lists) as its staff.
    const ownUnit = principal.units.includes(unitCode);
    if (ownUnit && hasRole(principal, 'unit_officer', 'commission_officer')) roles.push('unit_staff');
    if (hasRole(principal, 'commission_officer') && !ownUnit) {
      roles.push(pairedCommission !== undefined && principal.units.includes(pairedCommission) ? 'paired_commission' : 'commission');
    }
    return { staffNumber, roles };
  }

  /** The commission paired that day with the Party committee responsible for the unit. */
  async pairedCommissionOf(unitCode: string, day: string): Promise<string | undefined> {
    const chain = await this.view.responsibilityChainOn(unitCode, day);
    return chain?.responsible?.commission?.code;
  }

  /**
   * Reads of a unit's records: auditors and registry administrators read all; a unit officer the
   * units in the token; a commission officer the units whose committee its commission supervises
   * today, and the commission's own records.
   */
  async assertMayRead(principal: Principal, unitCode: string, today: string): Promise<void> {
    if (hasRole(principal, 'auditor', 'registry_admin')) return;
    if (principal.units.includes(unitCode) && hasRole(principal, 'unit_officer', 'commission_officer')) return;
    if (hasRole(principal, 'commission_officer')) {
      const paired = await this.pairedCommissionOf(unitCode, today);
      if (paired !== undefined && principal.units.includes(paired)) return;
    }
    throw new DomainError('AUTH.FORBIDDEN', `You do not have access to the records of unit ${unitCode}.`, 'forbidden', { unit: unitCode });
  }
}
