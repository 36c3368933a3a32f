import type { ServiceFeature } from '@app/kit';
import { TenThingsAggregate } from './ten-things.aggregate';
import {
  CompleteTenThingsProjectHandler,
  CorrectLedgerEntryHandler,
  OpenTenThingsProjectHandler,
  RecordLedgerEntryHandler,
  TenThingsFacts,
} from './ten-things.command-handlers';
import { TenThingsController } from './ten-things.controller';
import { tenThingsDecider } from './ten-things.decider';
import { ExportTenThingsLedgerHandler, GetTenThingsProjectHandler, ListTenThingsHandler } from './ten-things.query-handlers';
import { TEN_THINGS_PROJECTION, TenThings1764900000200 } from './ten-things.read-model';
import { TenThingsReads } from './ten-things.reads';

/** The principal leader's ten things: one project per item and year, with its ledger and the printed workbook. */
export const TEN_THINGS_FEATURE: ServiceFeature = {
  controllers: [TenThingsController],
  providers: [
    TenThingsAggregate,
    TenThingsReads,
    TenThingsFacts,
    OpenTenThingsProjectHandler,
    RecordLedgerEntryHandler,
    CorrectLedgerEntryHandler,
    CompleteTenThingsProjectHandler,
    GetTenThingsProjectHandler,
    ListTenThingsHandler,
    ExportTenThingsLedgerHandler,
  ],
  projections: [TEN_THINGS_PROJECTION],
  migrations: [TenThings1764900000200],
  streamFolders: { 'ten-things-': tenThingsDecider },
};
