export {
  fieldError,
  fieldRule,
  optionalText,
  requiredText,
  requireStaffNumber,
  requireStaffNumbers,
  requireUnitCode,
  requireUuid,
  requireYear,
} from '@app/domain';

export const yearOf = (day: string): number => Number(day.slice(0, 4));
