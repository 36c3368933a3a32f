import { letterContent, type LetterContent } from '../letters/letter-content';
import { contentRecord, documentBody, documentTitle } from './content-fields';
import type { DocumentKind } from './document-kinds';

/** What a version of a document says; its canonical hash (`canonicalContentHash`, @app/signoffs) is what signers sign. */
export interface TextContent {
  readonly title: string;
  readonly body: string;
}

export type DocumentContent = TextContent | LetterContent;

/**
 * Checks content for a kind and returns a copy holding its fields, unchanged: the hash the handler
 * computes over the received content is the hash of what is stored.
 */
export function validContent(kind: DocumentKind, content: unknown): DocumentContent {
  if (kind === 'responsibility_letter') return letterContent(content);
  const record = contentRecord(content, ['title', 'body']);
  return { title: documentTitle(record.title), body: documentBody(record.body) };
}
