import { Controller, Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, Payload } from '@nestjs/microservices';
import { CasesEventTypes, type CaseConcludedV1, type CaseFinding, type IntegrationEnvelope } from '@app/contracts';
import { DomainError } from '@app/domain';
import { inboxCommandContext } from '@app/kit';
import { InboxEventPattern, type InboxContext } from '@app/messaging';
import { PLATFORM_LOGGER, type Logger, type Principal } from '@app/platform';
import { OpenReviewCommand } from './review.command-handlers';

const REVIEWS: Principal = { personId: 'service:reviews', roles: [], units: [] };
const CONSUMER = 'responsibility-reviews';

/** A case's findings at one unit, merged: the people named, over the span of the periods found. */
export interface UnitFinding {
  readonly unitCode: string;
  readonly staffNumbers: readonly string[];
  readonly periodFrom: string;
  readonly periodTo: string;
}

/** Findings of one case merged per unit (one review per case and unit), in the order the units first appear. */
export function findingsByUnit(findings: readonly CaseFinding[]): UnitFinding[] {
  const units = new Map<string, UnitFinding>();
  for (const finding of findings) {
    const earlier = units.get(finding.unitCode);
    units.set(
      finding.unitCode,
      earlier
        ? {
            unitCode: finding.unitCode,
            staffNumbers: [...new Set([...earlier.staffNumbers, ...finding.staffNumbers])],
            periodFrom: finding.periodFrom < earlier.periodFrom ? finding.periodFrom : earlier.periodFrom,
            periodTo: finding.periodTo > earlier.periodTo ? finding.periodTo : earlier.periodTo,
          }
        : { ...finding, staffNumbers: [...new Set(finding.staffNumbers)] },
    );
  }
  return [...units.values()];
}

/**
 * The process manager of one case, two investigations (一案双究): a case concluded in case handling
 * (`cases.CaseConcluded@1` on `cases.events.v1`, through the inbox) opens, for each unit with a
 * finding, the review of its main and supervisory responsibility over the finding's period. Each
 * opening is a command on the bus with the message id as its idempotency key (per unit), and the
 * review id comes from the case and the unit, so a redelivered message opens nothing new. An
 * unknown unit is REGISTRY.NOT_CAUGHT_UP: the inbox retries it, then dead-letters it.
 */
@Controller()
export class CaseConclusionsConsumer {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  @InboxEventPattern(CasesEventTypes.CaseConcluded)
  async caseConcluded(
    @Payload() envelope: IntegrationEnvelope<string, CaseConcludedV1['data']>,
    @Ctx() _inbox: InboxContext,
  ): Promise<void> {
    if (envelope.version !== 1) {
      this.logger.warn({ messageId: envelope.id, type: envelope.type, version: envelope.version }, 'reviews skip: unknown version');
      return;
    }
    const { caseId, handlingCommissionCode, findings } = envelope.data ?? ({} as CaseConcludedV1['data']);
    if (
      typeof caseId !== 'string' ||
      typeof handlingCommissionCode !== 'string' ||
      !Array.isArray(findings) ||
      !findings.every(isFinding)
    ) {
      throw new DomainError('REVIEW.MALFORMED_EVENT', `message ${envelope.id} does not fit cases.CaseConcluded@1`, 'invalid');
    }
    for (const finding of findingsByUnit(findings)) {
      const context = inboxCommandContext(envelope, `${CONSUMER}:${finding.unitCode}`, REVIEWS);
      await this.commands.execute(
        new OpenReviewCommand(
          {
            caseId,
            handlingCommissionCode,
            unitCode: finding.unitCode,
            periodFrom: finding.periodFrom,
            periodTo: finding.periodTo,
            caseStaffNumbers: finding.staffNumbers,
          },
          context,
        ),
      );
    }
  }
}

function isFinding(value: unknown): value is CaseFinding {
  const f = value as Partial<CaseFinding> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.unitCode === 'string' &&
    typeof f.periodFrom === 'string' &&
    typeof f.periodTo === 'string' &&
    Array.isArray(f.staffNumbers) &&
    f.staffNumbers.every((s) => typeof s === 'string')
  );
}
