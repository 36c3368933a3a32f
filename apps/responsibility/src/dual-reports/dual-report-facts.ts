import { Injectable } from '@nestjs/common';
import { DomainError, fold } from '@app/domain';
import { EventStore } from '@app/eventstore';
import { hasRole, type Principal } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { documentStreamId } from '../documents/document.commands';
import { documentDecider } from '../documents/document.decider';
import type { DocumentEvent } from '../documents/document.events';
import type { DualReportKind } from './dual-report-kinds';
import type { RecipientFact, ReportedDocumentFact } from './dual-report.commands';

/**
 * What a dual report's decider cannot know, resolved as of the day: the referenced document version
 * from its own stream (whether or not the documents feature is wired), the recipients from the
 * registry view's responsibility chain, and the units a person acts in.
 */
@Injectable()
export class DualReportFacts {
  constructor(
    private readonly store: EventStore,
    private readonly view: RegistryView,
  ) {}

  /** The version of the document as its stream has it, or null when there is no such document or version. */
  async document(documentId: string, documentVersion: number): Promise<ReportedDocumentFact | null> {
    const events = await this.store.readStream(documentStreamId(documentId));
    const state = fold(documentDecider, events as unknown as DocumentEvent[]);
    if (state.status === 'absent') return null;
    const version = state.versions.find((candidate) => candidate.version === documentVersion);
    if (!version) return null;
    const latest = state.versions[state.versions.length - 1];
    return {
      kind: state.kind,
      unitCode: state.unitCode,
      year: state.year,
      contentHash: version.contentHash,
      fullySigned: state.status === 'fully_signed' && latest.version === documentVersion,
    };
  }

  /**
   * The recipients on the day: for `main` the next Party committee up and its commission; for
   * `supervisory` the Party committee the commission answers to and the commission of the next
   * committee up. A recipient the registry cannot name is left out (the decider refuses then).
   */
  async recipients(unitCode: string, kind: DualReportKind, day: string): Promise<readonly RecipientFact[]> {
    const chain = await this.view.responsibilityChainOn(unitCode, day);
    if (!chain) {
      throw new DomainError('DUAL_REPORT.UNIT_NOT_FOUND', `unit ${unitCode} did not exist on ${day}`, 'not_found', { unit: unitCode });
    }
    const facts: RecipientFact[] = [];
    const add = (role: RecipientFact['role'], unit: { code: string; name: string } | null | undefined) => {
      if (unit) facts.push({ role, unitCode: unit.code, name: unit.name });
    };
    if (kind === 'main') {
      add('higher_party_committee', chain.higher?.committee);
    } else {
      add('same_level_party_committee', chain.responsible?.committee);
    }
    add('higher_commission', chain.higher?.commission);
    return facts;
  }

  /** The units the caller acts in on the day: posts held in the registry, and the token's units. */
  async actorUnitCodes(principal: Principal, day: string): Promise<readonly string[]> {
    const posts = await this.postsOf(principal.personId, day);
    const tokenUnits = hasRole(principal, 'unit_officer', 'commission_officer') ? principal.units : [];
    return [...new Set([...posts, ...tokenUnits])];
  }

  private async postsOf(staffNumber: string, day: string): Promise<readonly string[]> {
    try {
      return (await this.view.postsHeldOn(staffNumber, day)).map((post) => post.unitCode);
    } catch (error) {
      // A caller the registry has never seen holds no post.
      if (error instanceof DomainError && error.code === 'REGISTRY.NOT_CAUGHT_UP') return [];
      throw error;
    }
  }
}
