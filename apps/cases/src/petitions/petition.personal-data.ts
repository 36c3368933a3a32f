import type { PersonalDataPolicy } from '@app/eventstore';
import type { PetitionForwarded, PetitionRegistered } from './petition.events';

const subjectOf = (petitionId: string): string => `petition:${petitionId.toLowerCase()}`;

/**
 * A second lock on the sealed values, for forwarding: the event store seals a petition's reporter
 * and content once more under a data key of the petition's own (`es_subject_keys`), and the
 * forward destroys that key in the transaction that records it. What belongs to the higher
 * commission is then not kept here in any readable form — only the stub (《纪检监察机关处理检举控告工作规则》第十五条).
 */
export const PETITION_PERSONAL_DATA: PersonalDataPolicy = {
  fields: {
    PetitionRegistered: {
      subject: (data: PetitionRegistered['data']) => subjectOf(data.petitionId),
      paths: ['reporter', 'content'],
    },
  },
  erasures: {
    PetitionForwarded: (data: PetitionForwarded['data']) => ({
      subject: subjectOf(data.petitionId),
      legalBasis: `forwarded to ${data.to}: only the stub is kept (纪检监察机关处理检举控告工作规则 第十五条)`,
    }),
  },
};
