import { Injectable } from '@nestjs/common';
import { enclosingJurisdictions, NATIONAL_DEFAULT_RULES, RuleBook, type DeadlineRule } from '@app/deadlines';
import { DomainError } from '@app/domain';
import { hasRole, type Principal } from '@app/platform';
import { RegistryView, type UnitOnDay } from '@app/registry-view';
import type { PetitionActor, PetitionActorRole } from './petition.commands';
import type { PetitionView } from './petition.reads';

const COMMISSION_KINDS: readonly string[] = ['discipline_commission', 'discipline_inspection_group'];
const SECRETARY_POSTS = ['commission_secretary', 'inspection_group_head'];
const RULES = new RuleBook(NATIONAL_DEFAULT_RULES);

/**
 * What the petition rules need from outside the stream, from the token and the registry view as of
 * a day: who the caller is to the receiving commission, its secretary, the commission above it,
 * and the deadline rule in force for it.
 */
@Injectable()
export class PetitionFacts {
  constructor(private readonly view: RegistryView) {}

  /** `petition_office`: a commission officer acting for the commission; `approving_secretary`: its secretary that day. */
  async actorOf(principal: Principal, commissionCode: string, day: string): Promise<PetitionActor> {
    const roles: PetitionActorRole[] = [];
    if (hasRole(principal, 'commission_officer') && principal.units.includes(commissionCode)) roles.push('petition_office');
    if ((await this.leadersOf(commissionCode, day)).includes(principal.personId)) roles.push('approving_secretary');
    return { staffNumber: principal.personId, roles };
  }

  /** Who held the commission's secretary post (or led the inspection group) that day. */
  async leadersOf(commissionCode: string, day: string): Promise<string[]> {
    const holders = await Promise.all(SECRETARY_POSTS.map((post) => this.view.holdersOn(commissionCode, post, day)));
    return holders.flat().map((holder) => holder.staffNumber);
  }

  /** The commission as it stood that day; 422 when it was no commission then, 409 when the view has never seen it. */
  async commissionOn(code: string, day: string, field: string): Promise<UnitOnDay> {
    const unit = await this.view.unitOn(code, day);
    if (!unit || !COMMISSION_KINDS.includes(unit.kind)) {
      throw new DomainError('PETITION.NOT_A_COMMISSION', `${code} was no discipline commission on ${day}`, 'invalid', { field });
    }
    return unit;
  }

  async isCommissionOn(code: string, day: string): Promise<boolean> {
    const unit = await this.view.unitOn(code, day);
    return unit !== undefined && COMMISSION_KINDS.includes(unit.kind);
  }

  /** The commission paired with the next Party committee above the commission's own: where its reports go. */
  async higherCommissionOf(commissionCode: string, day: string): Promise<string | null> {
    const chain = await this.view.responsibilityChainOn(commissionCode, day);
    return chain?.higher?.commission?.code ?? null;
  }

  /** Every reported unit existed on the day (409 when the view has never seen one). */
  async requireUnitsOn(codes: readonly string[], day: string): Promise<void> {
    for (const [index, code] of codes.entries()) {
      if (!(await this.view.unitOn(code, day))) {
        throw new DomainError('PETITION.UNIT_NOT_ON_DAY', `unit ${code} did not exist on ${day}`, 'invalid', {
          field: `reportedUnits[${index}]`,
        });
      }
    }
  }

  /** Every person is known to the registry (409 REGISTRY.NOT_CAUGHT_UP otherwise). */
  async requirePersons(staffNumbers: readonly string[], day: string): Promise<void> {
    for (const staffNumber of staffNumbers) await this.view.personOn(staffNumber, day);
  }

  /** The deadline rule in force that day for a unit of this division code, the most local one allowed. */
  ruleFor(name: string, divisionCode: string, day: string): DeadlineRule {
    return RULES.resolve(name, enclosingJurisdictions(divisionCode), day);
  }

  /**
   * Who sees a petition (without its protected fields): auditors, the receiving commission's
   * petition office and secretary, and its assigned officers — never a person it reports on.
   */
  async assertMayView(principal: Principal, petition: PetitionView, today: string): Promise<void> {
    const reported = petition.status !== 'forwarded' && petition.reportedPersons.includes(principal.personId);
    if (!reported) {
      if (hasRole(principal, 'auditor')) return;
      if (petition.status !== 'forwarded' && petition.officers.includes(principal.personId)) return;
      const actor = await this.actorOf(principal, petition.receivingCommission, today);
      if (actor.roles.length > 0) return;
    }
    throw new DomainError('AUTH.FORBIDDEN', 'You do not have access to this petition.', 'forbidden');
  }

  /** Who lists a commission's petitions: auditors, its petition office and its secretary that day. */
  async assertMayList(principal: Principal, commissionCode: string, today: string): Promise<void> {
    if (hasRole(principal, 'auditor')) return;
    const actor = await this.actorOf(principal, commissionCode, today);
    if (actor.roles.length > 0) return;
    throw new DomainError('AUTH.FORBIDDEN', `You do not act for ${commissionCode}'s petition office.`, 'forbidden');
  }
}
