import { day, listOf, nullable, object, oneOf, text, uuid, type JsonSchema, type ObjectSchema } from '../json-schema';
import { REVIEWED_RESPONSIBILITIES, REVIEWED_SUBJECTS, type ResponsibilityEvent } from './responsibility.events';

/** JSON Schema of each responsibility-tracking event's `data`, by `<type>@<version>`; the compiler checks each lists exactly the type's fields. */
export type ResponsibilityEventSchemas = {
  readonly [E in ResponsibilityEvent as `${E['type']}@${E['version']}`]: ObjectSchema<keyof E['data'] & string>;
};

const unitCode = text('Stable code of the unit (as in the registry)');
const staffNumber = text('Staff number of the person (never a national ID number)');
const year: JsonSchema = { type: 'integer', minimum: 2000, maximum: 2100 };
const positive: JsonSchema = { type: 'integer', minimum: 1 };
const count: JsonSchema = { type: 'integer', minimum: 0 };
const hex64: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const obligation = {
  obligationId: uuid,
  subject: text('What is owed, e.g. dual_report:<unit>:<year>:main'),
  unitCode,
  dueOn: day('Last day on which fulfilment is on time'),
};

const rule = {
  level: oneOf(['national', 'province', 'city', 'district']),
  divisionCode: { type: 'string', pattern: '^[1-9][0-9]{5}$', description: 'GB/T 2260 division code of the level' } as JsonSchema,
  name: text('Rule name, e.g. meeting_filing.due'),
};

export const RESPONSIBILITY_EVENT_SCHEMAS: ResponsibilityEventSchemas = {
  'responsibility.ListGenerated@1': object({ unitCode, year, itemCount: count, createdOn: day() }),
  'responsibility.ListApproved@1': object({
    unitCode,
    year,
    revision: positive,
    contentHash: { ...hex64, description: 'SM3 of the signed responsibility-division document’s content' },
  }),
  'responsibility.DeadlineRuleSet@1': object({
    ...rule,
    parameter: count,
    unit: oneOf(['calendar_days', 'working_days', 'months', 'fixed_day_of_year']),
    legalBasis: text('The text the rule rests on'),
    effectiveFrom: day('First day in force'),
  }),
  'responsibility.DeadlineRuleRetired@1': object({ ...rule, retiredFrom: day('First day out of force'), reason: text() }),
  'responsibility.DocumentSignedOff@1': object({
    documentId: uuid,
    version: positive,
    contentHash: { ...hex64, description: 'SM3 of the version’s RFC 8785 canonical JSON' },
    role: text('main_responsibility, supervisory_responsibility or responsible_subject'),
    signerStaffNumber: staffNumber,
    signerUnitCode: unitCode,
    keyFingerprint: { ...hex64, description: 'SM3 of the registered key' },
    signedOn: day(),
  }),
  'responsibility.DocumentFullySigned@1': object({
    documentId: uuid,
    kind: text(
      'responsibility_division, task_decomposition, year_end_report, responsibility_letter, main_responsibility_report or supervisory_responsibility_report',
    ),
    unitCode,
    year,
    version: positive,
    contentHash: hex64,
    fullySignedOn: day(),
  }),
  'responsibility.LetterTookEffect@1': object({
    documentId: uuid,
    year,
    issuerUnitCode: unitCode,
    recipientUnitCode: unitCode,
    itemCount: positive,
    effectiveOn: day(),
  }),
  'responsibility.DualReportSubmitted@1': object({
    unitCode,
    year,
    kind: text('main or supervisory'),
    submissionNo: positive,
    documentId: uuid,
    recipientUnitCodes: listOf(unitCode),
    submittedOn: day(),
  }),
  'responsibility.DualReportAcknowledged@1': object({
    unitCode,
    year,
    kind: text('main or supervisory'),
    submissionNo: positive,
    recipientUnitCode: unitCode,
    acknowledgedOn: day(),
  }),
  'responsibility.ObligationDueSoon@1': object({ ...obligation, warnedOn: day() }),
  'responsibility.ObligationOverdue@1': object({ ...obligation, markedOn: day() }),
  'responsibility.ObligationFulfilled@1': object({ ...obligation, fulfilledOn: day(), late: { type: 'boolean' } }),
  'responsibility.ResponsibilityReviewConcluded@1': object({
    reviewId: uuid,
    caseId: uuid,
    unitCode,
    periodFrom: day(),
    periodTo: day(),
    concludedOn: day(),
    failures: listOf(
      object({
        responsibility: oneOf(REVIEWED_RESPONSIBILITIES),
        subject: oneOf(REVIEWED_SUBJECTS),
        unitCode,
        staffNumber: nullable(text('Staff number of the person, or null for the organisation')),
      }),
    ),
    escalatedToUnitCode: nullable(unitCode),
  }),
};
