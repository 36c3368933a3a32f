import { AUDIT_BUNDLE_EXTRAS } from '@app/eventstore';
import { streamStateProjection, type ServiceFeature } from '@app/kit';
import { DocumentAggregate } from './document.aggregate';
import {
  DocumentRecords,
  DraftDocumentHandler,
  GetDocumentHandler,
  GetDocumentVersionHandler,
  ReviseDocumentHandler,
  SignDocumentVersionHandler,
} from './document.handlers';
import { Documents1764900000600 } from './document.migration';
import { DOCUMENTS_READ_MODEL } from './document.read-model';
import { documentDecider } from './document.decider';
import { DocumentsController } from './documents.controller';
import { SignOffBundleExtras } from './signoff-bundle';

/** Documents under sign-off with verified signatures (seed §9). */
export const DOCUMENTS_FEATURE: ServiceFeature = {
  controllers: [DocumentsController],
  providers: [
    DocumentAggregate,
    DocumentRecords,
    DraftDocumentHandler,
    ReviseDocumentHandler,
    SignDocumentVersionHandler,
    GetDocumentHandler,
    GetDocumentVersionHandler,
    { provide: AUDIT_BUNDLE_EXTRAS, useClass: SignOffBundleExtras },
  ],
  projections: [streamStateProjection(DOCUMENTS_READ_MODEL)],
  migrations: [Documents1764900000600],
  streamFolders: { 'document-': documentDecider },
};
