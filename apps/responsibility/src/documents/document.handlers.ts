import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { chinaDay, DomainError } from '@app/domain';
import { BusCommand, BusQuery, type CommandResponse } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import { canonicalContentHash, signatureFacts } from '@app/signoffs';
import { ResponsibilityActors } from '../responsibility-actors';
import { DocumentAggregate } from './document.aggregate';
import type * as Document from './document.commands';
import type { DocumentState, DocumentVersion } from './document.decider';

type OpenOrSigned = Exclude<DocumentState, { status: 'absent' }>;

/** The documents' read model, by id. */
@Injectable()
export class DocumentRecords {
  constructor(private readonly dataSource: DataSource) {}

  async require(documentId: string): Promise<{ readonly state: OpenOrSigned; readonly version: number }> {
    const [row] = await this.dataSource.query<{ state: DocumentState; version: number }[]>(
      'SELECT state, version FROM resp_documents WHERE stream_id = $1',
      [`document-${documentId}`],
    );
    if (!row || row.state.status === 'absent') throw new DomainError('DOCUMENT.NOT_FOUND', `No document ${documentId}.`, 'not_found');
    return { state: row.state, version: row.version };
  }
}

/** The canonical hash of content as the edge received it; content that cannot be hashed is refused by name. */
function contentHashOf(content: unknown): string {
  try {
    return canonicalContentHash(content as object);
  } catch {
    throw new DomainError('DOCUMENT.CONTENT_REQUIRED', 'The content must be a JSON object of the document kind’s fields.', 'invalid', {
      field: 'content',
    });
  }
}

export class DraftDocumentCommand extends BusCommand<Omit<Document.DraftDocument['data'], 'contentHash'>> {}

@CommandHandler(DraftDocumentCommand)
export class DraftDocumentHandler implements ICommandHandler<DraftDocumentCommand> {
  constructor(private readonly documents: DocumentAggregate) {}

  async execute({ data, context }: DraftDocumentCommand): Promise<CommandResponse> {
    await this.documents.assertWorksFor(context, data.unitCode);
    return this.documents.send(
      { type: 'DraftDocument', data: { ...data, contentHash: contentHashOf(data.content) } },
      context,
      data.unitCode,
    );
  }
}

export class ReviseDocumentCommand extends BusCommand<Omit<Document.ReviseDocument['data'], 'contentHash'>> {}

@CommandHandler(ReviseDocumentCommand)
export class ReviseDocumentHandler implements ICommandHandler<ReviseDocumentCommand> {
  constructor(
    private readonly documents: DocumentAggregate,
    private readonly records: DocumentRecords,
  ) {}

  async execute({ data, context }: ReviseDocumentCommand): Promise<CommandResponse> {
    const { state } = await this.records.require(data.documentId);
    await this.documents.assertWorksFor(context, state.unitCode);
    return this.documents.send(
      { type: 'ReviseDocument', data: { ...data, contentHash: contentHashOf(data.content) } },
      context,
      state.unitCode,
    );
  }
}

export class SignDocumentVersionCommand extends BusCommand<Omit<Document.SignDocumentVersion['data'], 'facts'>> {}

/**
 * A sign-off: the signer sends it themself. The signature is verified here against the key the
 * fingerprint names in the registry; the key's validity on the signing day, the signer's posts on
 * that day and the commission paired with the unit are the registry view's answers as of that day.
 */
@CommandHandler(SignDocumentVersionCommand)
export class SignDocumentVersionHandler implements ICommandHandler<SignDocumentVersionCommand> {
  constructor(
    private readonly documents: DocumentAggregate,
    private readonly records: DocumentRecords,
    private readonly view: RegistryView,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ data, context }: SignDocumentVersionCommand): Promise<CommandResponse> {
    if (context.principal.personId !== data.signerStaffNumber) {
      throw new DomainError('AUTH.FORBIDDEN', 'A sign-off is sent by the signer themself.', 'forbidden');
    }
    const { state } = await this.records.require(data.documentId);
    const day = chinaDay(context.now);
    const [key, posts, pairedCommissionCode] = await Promise.all([
      this.view.keyByFingerprint(typeof data.keyFingerprint === 'string' ? data.keyFingerprint.toLowerCase() : ''),
      this.view.postsHeldOn(data.signerStaffNumber, day),
      this.actors.pairedCommissionOf(state.unitCode, day),
    ]);
    const claim = {
      documentId: data.documentId,
      version: data.version,
      contentHash: data.contentHash,
      role: data.role,
      signerStaffNumber: data.signerStaffNumber,
      opinion: data.opinion,
    };
    const facts: Document.SignOffFacts = {
      ...signatureFacts(claim, data.signature, key),
      signerPosts: posts.map((post) => ({ unitCode: post.unitCode, post: post.post })),
      pairedCommissionCode: pairedCommissionCode ?? null,
    };
    return this.documents.send({ type: 'SignDocumentVersion', data: { ...data, facts } }, context, state.unitCode);
  }
}

export interface DocumentView {
  readonly documentId: string;
  readonly kind: string;
  readonly unitCode: string;
  readonly year: number;
  readonly counterpartyUnitCode: string | null;
  readonly status: string;
  readonly requiredSigners: readonly unknown[];
  readonly versions: readonly DocumentVersion[];
  readonly version: number;
}

export class GetDocument extends BusQuery<{ readonly documentId: string }, DocumentView> {}

@QueryHandler(GetDocument)
export class GetDocumentHandler implements IQueryHandler<GetDocument> {
  constructor(
    private readonly records: DocumentRecords,
    private readonly actors: ResponsibilityActors,
  ) {}

  async execute({ params, principal }: GetDocument): Promise<DocumentView> {
    const { state, version } = await this.records.require(params.documentId);
    // A letter is read by both parties.
    const today = chinaDay(new Date());
    await this.actors.assertMayRead(principal, state.unitCode, today).catch(async (refusal: unknown) => {
      if (!state.counterpartyUnitCode) throw refusal;
      await this.actors.assertMayRead(principal, state.counterpartyUnitCode, today);
    });
    return {
      documentId: state.documentId,
      kind: state.kind,
      unitCode: state.unitCode,
      year: state.year,
      counterpartyUnitCode: state.counterpartyUnitCode,
      status: state.status,
      requiredSigners: state.requiredSigners,
      versions: state.versions,
      version,
    };
  }
}

export class GetDocumentVersion extends BusQuery<
  { readonly documentId: string; readonly version: number },
  DocumentVersion & { documentId: string; status: string }
> {}

@QueryHandler(GetDocumentVersion)
export class GetDocumentVersionHandler implements IQueryHandler<GetDocumentVersion> {
  constructor(private readonly documents: GetDocumentHandler) {}

  async execute({ params, principal }: GetDocumentVersion) {
    const document = await this.documents.execute(new GetDocument({ documentId: params.documentId }, principal));
    const version = document.versions.find((candidate) => candidate.version === params.version);
    if (!version) {
      throw new DomainError('DOCUMENT.VERSION_NOT_FOUND', `Document ${params.documentId} has no version ${params.version}.`, 'not_found');
    }
    const signed = document.versions.at(-1) === version && document.status === 'fully_signed';
    return {
      ...version,
      documentId: document.documentId,
      status: signed ? 'fully_signed' : version === document.versions.at(-1) ? 'current' : 'superseded',
    };
  }
}
