import type { ServiceFeature } from '@app/kit';
import { ComplianceController } from './compliance.controller';
import { GetComplianceHandler } from './compliance.query-handlers';
import { ComplianceReads } from './compliance.reads';
import {
  COMPLIANCE_SNAPSHOT_INTERVAL_MS,
  ComplianceSnapshot,
  ComplianceSnapshot1764900001000,
  DEFAULT_COMPLIANCE_SNAPSHOT_INTERVAL_MS,
} from './compliance.snapshot';

/** The compliance view over many units, from the lists', tasks', obligations' and dual reports' read models, and its snapshot. */
export const COMPLIANCE_FEATURE: ServiceFeature = {
  controllers: [ComplianceController],
  providers: [
    ComplianceReads,
    ComplianceSnapshot,
    GetComplianceHandler,
    { provide: COMPLIANCE_SNAPSHOT_INTERVAL_MS, useValue: DEFAULT_COMPLIANCE_SNAPSHOT_INTERVAL_MS },
  ],
  migrations: [ComplianceSnapshot1764900001000],
};
