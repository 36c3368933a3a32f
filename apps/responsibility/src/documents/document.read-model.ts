import type { StreamStateReadModel } from '@app/kit';
import { documentDecider, type DocumentState } from './document.decider';
import type { DocumentEvent } from './document.events';

/** Each document's folded state: versions, content, hashes and sign-offs. */
export const DOCUMENTS_READ_MODEL: StreamStateReadModel<DocumentState, DocumentEvent> = {
  name: 'responsibility-documents',
  version: 1,
  table: 'resp_documents',
  handles: ['DocumentDrafted', 'DocumentRevised', 'DocumentVersionSigned', 'DocumentFullySigned', 'LetterTookEffect'],
  initialState: documentDecider.initialState,
  evolve: documentDecider.evolve,
  columns: {
    unit_code: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.unitCode) },
    year: { type: 'integer', of: (state) => (state.status === 'absent' ? null : state.year) },
    kind: { type: 'text', of: (state) => (state.status === 'absent' ? null : state.kind) },
    status: { type: 'text', of: (state) => state.status },
  },
};
