import type { CasesEvent, PetitionScreeningOutcome } from '@app/contracts';
import type { DomainEvent } from '@app/domain';
import type { CaseEvent } from './cases/case.events';
import type { PetitionCountsCompiled } from './petitions/petition-counts';
import type { PetitionEvent, PetitionScreeningEvent } from './petitions/petition.events';

/**
 * What case handling tells other services: a petition was received (its commission, channel, the
 * units it reports on, the day) and how it was screened; a case concluded with its findings. Never the reporter, the contact, the
 * content or the persons named: whistleblower protection ends at this function. Everything else
 * is private.
 */
export function announce(event: DomainEvent): CasesEvent | null {
  const e = event as PetitionEvent | PetitionCountsCompiled | CaseEvent;
  switch (e.type) {
    case 'PetitionRegistered':
      return {
        type: 'cases.PetitionRegistered',
        version: 1,
        data: {
          petitionId: e.data.petitionId,
          receivingCommissionCode: e.data.receivingCommission,
          channel: e.data.channel,
          reportedUnitCodes: e.data.reportedUnits,
          receivedOn: e.data.receivedOn,
        },
      };
    case 'PetitionAccepted':
      return screened(e.data, 'accepted');
    case 'PetitionForwarded':
      return screened(e.data, 'forwarded', { toCommissionCode: e.data.to, dueOn: e.data.dueOn });
    case 'PetitionTransferred':
      return screened(e.data, 'transferred', { toCommissionCode: e.data.to });
    case 'PetitionNotAccepted':
      return screened(e.data, 'not_accepted');
    case 'PetitionMarkedRepeat':
      return screened(e.data, 'repeat', { repeatOf: e.data.repeatOf });
    case 'PetitionCountsCompiled':
      return {
        type: 'cases.PetitionCountsCompiled',
        version: 1,
        data: { commissionCode: e.data.commission, month: e.data.month, counts: e.data.counts, compiledOn: e.data.compiledOn },
      };
    case 'CaseConcluded':
      return {
        type: 'cases.CaseConcluded',
        version: 1,
        data: {
          caseId: e.data.caseId,
          handlingCommissionCode: e.data.commission,
          concludedOn: e.data.concludedOn,
          findings: e.data.findings.map((finding) => ({
            unitCode: finding.unitCode,
            staffNumbers: finding.staffNumbers,
            periodFrom: finding.periodFrom,
            periodTo: finding.periodTo,
          })),
        },
      };
    default:
      return null;
  }
}

function screened(
  data: PetitionScreeningEvent['data'],
  outcome: PetitionScreeningOutcome,
  rest: { toCommissionCode?: string; repeatOf?: string; dueOn?: string } = {},
): CasesEvent {
  return {
    type: 'cases.PetitionScreened',
    version: 1,
    data: {
      petitionId: data.petitionId,
      receivingCommissionCode: data.receivingCommission,
      outcome,
      toCommissionCode: rest.toCommissionCode ?? null,
      repeatOf: rest.repeatOf ?? null,
      dueOn: rest.dueOn ?? null,
      screenedOn: data.on,
    },
  };
}
