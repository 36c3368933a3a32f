import type { ServiceFeature } from '@app/kit';
import { Evidence1764900000000 } from './evidence.migration';
import { EvidenceController } from './evidence.controller';
import { EvidenceStore } from './evidence.store';

/** Evidence files kept by hash, named in ledger entries and task records. */
export const EVIDENCE_FEATURE: ServiceFeature = {
  controllers: [EvidenceController],
  providers: [EvidenceStore],
  migrations: [Evidence1764900000000],
};
