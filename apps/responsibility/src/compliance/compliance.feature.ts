import type { ServiceFeature } from '@app/kit';
import { ComplianceController } from './compliance.controller';
import { GetComplianceHandler } from './compliance.query-handlers';

/** The compliance view over many units, from the lists', tasks', obligations' and dual reports' read models. */
export const COMPLIANCE_FEATURE: ServiceFeature = {
  controllers: [ComplianceController],
  providers: [GetComplianceHandler],
};
