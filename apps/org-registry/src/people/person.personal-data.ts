import type { PersonalDataPolicy } from '@app/eventstore';
import type { PersonalDataErased, PersonProfileUpdated, PersonRegistered, RelationDeclared } from './person.events';

/** Whose personal data a person stream holds: a pseudonymous subject per person, never a value of the data. */
export const personSubject = (staffNumber: string): string => `person:${staffNumber}`;

/**
 * The registry's personal data, kept encrypted with each person's own key in the log and erased by
 * destroying it. Gender, birth year, contact details and relation notes are personal; the staff
 * number and the name are not: they identify an official in appointments and sign-offs, and the
 * accountability record must keep them. A new personal field goes here as well as in the event.
 */
export const REGISTRY_PERSONAL_DATA: PersonalDataPolicy = {
  fields: {
    PersonRegistered: {
      subject: (data: PersonRegistered['data']) => personSubject(data.staffNumber),
      paths: ['gender', 'birthYear', 'contact'],
    },
    PersonProfileUpdated: {
      subject: (data: PersonProfileUpdated['data']) => personSubject(data.staffNumber),
      paths: ['gender', 'birthYear', 'contact'],
    },
    RelationDeclared: {
      subject: (data: RelationDeclared['data']) => personSubject(data.staffNumber),
      paths: ['note'],
    },
  },
  erasures: {
    PersonalDataErased: (data: PersonalDataErased['data']) => ({ subject: personSubject(data.staffNumber), legalBasis: data.legalBasis }),
  },
};
