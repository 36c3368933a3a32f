import { day, listOf, nullable, object, oneOf, text, uuid, type ObjectSchema } from '../json-schema';
import { PETITION_CHANNELS, PETITION_SCREENING_OUTCOMES, type CasesEvent } from './cases.events';

/** JSON Schema of each case-handling event's `data`, by `<type>@<version>`; the compiler checks each lists exactly the type's fields. */
export type CasesEventSchemas = {
  readonly [E in CasesEvent as `${E['type']}@${E['version']}`]: ObjectSchema<keyof E['data'] & string>;
};

const unitCode = text('Stable code of the unit (as in the registry)');

export const CASES_EVENT_SCHEMAS: CasesEventSchemas = {
  'cases.PetitionRegistered@1': object({
    petitionId: uuid,
    receivingCommissionCode: unitCode,
    channel: oneOf(PETITION_CHANNELS),
    reportedUnitCodes: listOf(unitCode),
    receivedOn: day('The day the commission received the petition'),
  }),
  'cases.PetitionScreened@1': object({
    petitionId: uuid,
    receivingCommissionCode: unitCode,
    outcome: oneOf(PETITION_SCREENING_OUTCOMES),
    toCommissionCode: nullable(text('The commission the petition was forwarded or transferred to')),
    repeatOf: nullable(uuid),
    dueOn: nullable(day('Last day on which the forward is on time')),
    screenedOn: day(),
  }),
  'cases.CaseConcluded@1': object({
    caseId: uuid,
    handlingCommissionCode: unitCode,
    concludedOn: day(),
    findings: listOf(
      object({
        unitCode,
        staffNumbers: listOf(text('Staff number of a person the finding concerns')),
        periodFrom: day('First day of the conduct found'),
        periodTo: day('Last day of the conduct found'),
      }),
    ),
  }),
  'cases.PetitionCountsCompiled@1': object({
    commissionCode: unitCode,
    month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'The month counted (YYYY-MM, China Standard Time)' },
    counts: listOf(object({ unitCode, petitions: { type: 'integer', minimum: 1 } })),
    compiledOn: day(),
  }),
};
