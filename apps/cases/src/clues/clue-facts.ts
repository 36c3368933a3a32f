import { Injectable } from '@nestjs/common';
import { enclosingJurisdictions, NATIONAL_DEFAULT_RULES, RuleBook, type DeadlineRule } from '@app/deadlines';
import { DomainError } from '@app/domain';
import { hasRole, type Principal } from '@app/platform';
import { REGISTRY_NOT_CAUGHT_UP, RegistryView, type UnitOnDay } from '@app/registry-view';
import { requiredApproval } from './clue-approval';
import type { ClueActor } from './clue.commands';
import type { ClueSubject, RequiredApproval } from './clue.events';

const COMMISSION_KINDS: readonly string[] = ['discipline_commission', 'discipline_inspection_group'];
const RULES = new RuleBook(NATIONAL_DEFAULT_RULES);

/**
 * What the clue rules need from outside the stream, from the token and the registry view as of a
 * day: who the caller is to the handling commission, the subjects' posts, the rule in force.
 */
@Injectable()
export class ClueFacts {
  constructor(private readonly view: RegistryView) {}

  /** A commission officer acting for the commission (token), and the posts the caller held in it that day (registry). */
  async actorOf(principal: Principal, commissionCode: string, day: string): Promise<ClueActor> {
    const officer = hasRole(principal, 'commission_officer') && principal.units.includes(commissionCode);
    const posts = await this.view.postsHeldOn(principal.personId, day).catch((error: unknown) => {
      // A caller the registry has never seen holds no post; a real lag of the view is the same answer for them.
      if (error instanceof DomainError && error.code === REGISTRY_NOT_CAUGHT_UP) return [];
      throw error;
    });
    return {
      staffNumber: principal.personId,
      officer,
      commissionPosts: posts.filter((member) => member.unitCode === commissionCode).map((member) => member.post),
    };
  }

  /** The commission as it stood that day; 422 when it was no commission then, 409 when the view has never seen it. */
  async commissionOn(code: string, day: string): Promise<UnitOnDay> {
    const unit = await this.view.unitOn(code, day);
    if (!unit || !COMMISSION_KINDS.includes(unit.kind)) {
      throw new DomainError('CLUE.NOT_A_COMMISSION', `${code} was no discipline commission on ${day}`, 'invalid', { field: 'commission' });
    }
    return unit;
  }

  /** Every subject is a person the registry knows (409 otherwise) in a unit that existed on the day (422 otherwise). */
  async requireSubjects(subjects: readonly ClueSubject[], day: string): Promise<void> {
    for (const [index, subject] of subjects.entries()) {
      await this.view.personOn(subject.staffNumber, day);
      if (!(await this.view.unitOn(subject.unitCode, day))) {
        throw new DomainError('CLUE.UNIT_NOT_ON_DAY', `unit ${subject.unitCode} did not exist on ${day}`, 'invalid', {
          field: `subjects[${index}].unitCode`,
        });
      }
    }
  }

  /** Who must approve a disposal, from the posts the subjects held on the day (`CLUE_APPROVAL_RULES`). */
  async approvalFor(subjects: readonly ClueSubject[], day: string): Promise<RequiredApproval> {
    const posts = await Promise.all(
      subjects.map(async (subject) => (await this.view.postsHeldOn(subject.staffNumber, day)).map((member) => member.post)),
    );
    return requiredApproval(posts);
  }

  /** The deadline rule in force that day for a unit of this division code, the most local one allowed. */
  ruleFor(name: string, divisionCode: string, day: string): DeadlineRule {
    return RULES.resolve(name, enclosingJurisdictions(divisionCode), day);
  }

  /** Auditors, the commission's officers and its leadership that day — never a person the clue is about. */
  async assertMayRead(principal: Principal, commissionCode: string, subjects: readonly ClueSubject[], today: string): Promise<void> {
    if (!subjects.some((subject) => subject.staffNumber === principal.personId)) {
      if (hasRole(principal, 'auditor')) return;
      const actor = await this.actorOf(principal, commissionCode, today);
      if (actor.officer || actor.commissionPosts.length > 0) return;
    }
    throw new DomainError('AUTH.FORBIDDEN', 'You do not have access to this clue.', 'forbidden');
  }
}
