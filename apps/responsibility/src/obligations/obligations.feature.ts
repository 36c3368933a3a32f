import type { ServiceFeature } from '@app/kit';
import { obligationDecider } from './obligation.decider';
import { ObligationAggregate } from './obligation.aggregate';
import {
  FulfilObligationHandler,
  MarkOverdueHandler,
  OpenDatedObligationHandler,
  OpenObligationHandler,
  WarnDueSoonHandler,
} from './obligation.command-handlers';
import { ListObligationsHandler } from './obligation.query-handlers';
import { DEFAULT_OBLIGATION_SCHEDULER_INTERVAL_MS, OBLIGATION_SCHEDULER_INTERVAL_MS, ObligationScheduler } from './obligation-scheduler';
import { ObligationsController } from './obligations.controller';
import { Obligations1764900000400 } from './obligations.migration';
import { OBLIGATIONS_PROJECTION } from './obligations.read-model';

/** Obligations with due days from the rule book, their read model, routes and the deadline scheduler. */
export const OBLIGATIONS_FEATURE: ServiceFeature = {
  controllers: [ObligationsController],
  providers: [
    ObligationAggregate,
    OpenObligationHandler,
    OpenDatedObligationHandler,
    WarnDueSoonHandler,
    MarkOverdueHandler,
    FulfilObligationHandler,
    ListObligationsHandler,
    ObligationScheduler,
    { provide: OBLIGATION_SCHEDULER_INTERVAL_MS, useValue: DEFAULT_OBLIGATION_SCHEDULER_INTERVAL_MS },
  ],
  projections: [OBLIGATIONS_PROJECTION],
  migrations: [Obligations1764900000400],
  streamFolders: { 'obligation-': obligationDecider },
};
