import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, fieldError, requireDay } from '@app/domain';
import { BusCommand, commandContext, idFromKey, type CommandResponse } from '@app/kit';
import { hasRole, type Principal } from '@app/platform';
import { RegistryView, REGISTRY_NOT_CAUGHT_UP, type UnitHistory } from '@app/registry-view';
import { ReviewAggregate } from './review.aggregate';
import type { ReviewActor } from './review.commands';
import type { EscalatedFrom } from './review.events';
import { ReviewEvidenceReads } from './review.evidence';
import { peopleOfPeriod, type PeopleOfPeriod } from './review-people';
import { ReviewReads, type ReviewView } from './review.reads';

/**
 * The review use cases on the bus. Opening resolves the people of the period from the registry
 * view as they were then; findings, escalation and conclusion resolve who the caller acts for.
 */

interface OpenInput {
  readonly caseId: string;
  readonly handlingCommissionCode: string;
  readonly unitCode: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly caseStaffNumbers: readonly string[];
  readonly escalatedFrom?: EscalatedFrom | null;
}
type WithReviewId = CommandResponse & { reviewId: string };
export class OpenReviewCommand extends BusCommand<OpenInput, WithReviewId> {}

interface FindingInput {
  readonly reviewId: string;
  readonly responsibility: string;
  readonly subject: string;
  readonly unitCode: string;
  readonly staffNumber?: string | null;
  readonly carriedOut: boolean;
  readonly text: string;
  readonly evidence?: readonly string[];
}
export class RecordReviewFindingCommand extends BusCommand<FindingInput, CommandResponse & { findingId: string }> {}
export class EscalateReviewCommand extends BusCommand<
  { readonly reviewId: string; readonly reason: string },
  CommandResponse & { escalatedTo: { unitCode: string; reviewId: string } }
> {}
export class ConcludeReviewCommand extends BusCommand<{ readonly reviewId: string; readonly summary: string }> {}

/** One review per case and unit: a redelivered conclusion, or an escalation to a unit the case reached already, lands on it. */
export const reviewIdOf = (caseId: string, unitCode: string): string => idFromKey('review', `${caseId}\u0000${unitCode}`);

/** Findings, escalation and conclusion are recorded for the commissions of the caller's `commission_officer` token. */
export function reviewActorOf(principal: Principal): ReviewActor {
  return { staffNumber: principal.personId, commissionCodes: hasRole(principal, 'commission_officer') ? principal.units : [] };
}

/** The registry as the review needs it: the people of a period, read from the view's histories. */
@Injectable()
export class ReviewFacts {
  constructor(private readonly view: RegistryView) {}

  /** The unit's committee, leader, commission and secretary over the period, and the committee above; unknown unit → REGISTRY.NOT_CAUGHT_UP. */
  async peopleOf(unitCode: string, from: string, to: string): Promise<PeopleOfPeriod> {
    requireDay(from, 'periodFrom');
    requireDay(to, 'periodTo');
    if (from > to) throw fieldError('REVIEW.INVALID_PERIOD', `the period ends (${to}) before it begins (${from})`, 'periodTo');
    const units = await this.unitsAround(unitCode);
    return peopleOfPeriod((code) => units.get(code), units.keys(), unitCode, from, to);
  }

  /** The unit and every unit reachable through the parents and supervisors it or they ever had. */
  private async unitsAround(unitCode: string): Promise<Map<string, UnitHistory>> {
    const units = new Map<string, UnitHistory>([[unitCode, await this.view.unitHistory(unitCode)]]);
    const queue = [unitCode];
    while (queue.length > 0) {
      const unit = units.get(queue.shift()!)!;
      const next = [...unit.parents.map((p) => p.parentCode), ...unit.pairings.map((p) => p.supervisorCode)];
      for (const code of next) {
        if (code === null || units.has(code)) continue;
        const history = await this.view.unitHistory(code).catch((error: unknown) => {
          // A unit above that the view has not seen yet ends the chain there, as in the view's own chain.
          if (error instanceof DomainError && error.code === REGISTRY_NOT_CAUGHT_UP) return undefined;
          throw error;
        });
        if (history) {
          units.set(code, history);
          queue.push(code);
        }
      }
    }
    return units;
  }
}

/** Opens (or finds open) the review of a unit for a case: the process step behind both a concluded case and an escalation. */
@CommandHandler(OpenReviewCommand)
export class OpenReviewHandler implements ICommandHandler<OpenReviewCommand> {
  constructor(
    private readonly reviews: ReviewAggregate,
    private readonly facts: ReviewFacts,
  ) {}

  async execute({ data, context }: OpenReviewCommand): Promise<WithReviewId> {
    const { subjects, higher } = await this.facts.peopleOf(data.unitCode, data.periodFrom, data.periodTo);
    const reviewId = reviewIdOf(data.caseId, data.unitCode);
    const reviewingCommissionCodes = [data.handlingCommissionCode, ...(higher?.commissionCode ? [higher.commissionCode] : [])];
    const command = { ...data, reviewId, subjects, reviewingCommissionCodes, escalatedFrom: data.escalatedFrom ?? null };
    const result = await this.reviews.send({ type: 'OpenReview', data: command }, context, data.unitCode);
    return { ...result, reviewId };
  }
}

@CommandHandler(RecordReviewFindingCommand)
export class RecordReviewFindingHandler implements ICommandHandler<RecordReviewFindingCommand> {
  constructor(
    private readonly reviews: ReviewAggregate,
    private readonly reads: ReviewReads,
    private readonly evidence: ReviewEvidenceReads,
  ) {}

  async execute({ data, context }: RecordReviewFindingCommand) {
    const review = await this.reads.require(data.reviewId);
    await this.requireEvidenceOf(review, data.evidence ?? []);
    const findingId = context.idempotencyKey ? idFromKey(`review-finding:${review.reviewId}`, context.idempotencyKey) : randomUUID();
    const command = { ...data, reviewId: review.reviewId, findingId, actor: reviewActorOf(context.principal) };
    const result = await this.reviews.send({ type: 'RecordReviewFinding', data: command }, context, review.unitCode);
    return { ...result, findingId };
  }

  /** A finding rests on this service's own records of the reviewed units for the period's years. */
  private async requireEvidenceOf(review: ReviewView, refs: readonly string[]): Promise<void> {
    if (refs.length === 0) return;
    const known = new Set((await this.evidence.of(review)).map((record) => record.streamId));
    const index = refs.findIndex((ref) => !known.has(ref));
    if (index >= 0) {
      throw fieldError(
        'REVIEW.EVIDENCE_NOT_OF_UNIT',
        `${refs[index]} is not a record of the reviewed units for ${review.periodFrom.slice(0, 4)}–${review.periodTo.slice(0, 4)}`,
        `evidence[${index}]`,
      );
    }
  }
}

/**
 * 责任倒查: the failure found at the unit is traced to the committee one level up, as the registry's
 * responsibility chain had it during the period; that committee's review opens for the same case
 * and period. The higher unit's people are resolved first, then the escalation is recorded (its
 * rules refuse before anything is written), then the review above is opened (idempotent). If that
 * last step was interrupted, asking again opens it before answering that the review is escalated.
 */
@CommandHandler(EscalateReviewCommand)
export class EscalateReviewHandler implements ICommandHandler<EscalateReviewCommand> {
  constructor(
    private readonly reviews: ReviewAggregate,
    private readonly reads: ReviewReads,
    private readonly facts: ReviewFacts,
    private readonly opener: OpenReviewHandler,
  ) {}

  async execute({ data, context }: EscalateReviewCommand) {
    const review = await this.reads.require(data.reviewId);
    const openAbove = (unitCode: string) =>
      this.opener.execute(
        new OpenReviewCommand(
          {
            caseId: review.caseId,
            handlingCommissionCode: review.handlingCommissionCode,
            unitCode,
            periodFrom: review.periodFrom,
            periodTo: review.periodTo,
            caseStaffNumbers: [],
            escalatedFrom: { reviewId: review.reviewId, unitCode: review.unitCode },
          },
          commandContext(context.principal, {
            now: context.now,
            correlationId: context.correlationId,
            ...(context.idempotencyKey ? { idempotencyKey: `${context.idempotencyKey}:above` } : {}),
            ...(context.idempotencyScope ? { idempotencyScope: context.idempotencyScope } : {}),
          }),
        ),
      );
    if (review.escalatedTo && !(await this.reads.find(review.escalatedTo.reviewId))) await openAbove(review.escalatedTo.unitCode);
    const { higher: above } = await this.facts.peopleOf(review.unitCode, review.periodFrom, review.periodTo);
    const higher = above ? { unitCode: above.committeeCode, reviewId: reviewIdOf(review.caseId, above.committeeCode) } : null;
    // The unit above must be reviewable before the escalation is recorded.
    if (higher) await this.facts.peopleOf(higher.unitCode, review.periodFrom, review.periodTo);
    const actor = reviewActorOf(context.principal);
    const result = await this.reviews.send({ type: 'EscalateReview', data: { ...data, higher, actor } }, context, review.unitCode);
    await openAbove(higher!.unitCode);
    return { ...result, escalatedTo: higher! };
  }
}

@CommandHandler(ConcludeReviewCommand)
export class ConcludeReviewHandler implements ICommandHandler<ConcludeReviewCommand> {
  constructor(
    private readonly reviews: ReviewAggregate,
    private readonly reads: ReviewReads,
  ) {}

  async execute({ data, context }: ConcludeReviewCommand) {
    const review = await this.reads.require(data.reviewId);
    const command = { ...data, reviewId: review.reviewId, actor: reviewActorOf(context.principal) };
    return this.reviews.send({ type: 'ConcludeReview', data: command }, context, review.unitCode);
  }
}
