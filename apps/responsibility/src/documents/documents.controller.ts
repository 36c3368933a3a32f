import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { ApiCommand, CommandContextOf, type CommandContext } from '@app/kit';
import { ApiRead, CurrentPrincipal, Roles, type Principal } from '@app/platform';
import {
  DocumentParams,
  DocumentVersionParams,
  DraftDocumentDto,
  LetterContentDto,
  ReviseDocumentDto,
  SignOffDto,
  TextContentDto,
} from './document.dto';
import {
  DraftDocumentCommand,
  GetDocument,
  GetDocumentVersion,
  ReviseDocumentCommand,
  SignDocumentVersionCommand,
} from './document.handlers';
import { DocumentResponse, DocumentVersionResponse } from './document.responses';

const SIGN_OFF_PROBLEMS = {
  403: ['SIGNOFF.KEY_NOT_VALID', 'SIGNOFF.SIGNER_NOT_ENTITLED'],
  404: ['DOCUMENT.NOT_FOUND'],
  409: [
    'SIGNOFF.VERSION_MISMATCH',
    'SIGNOFF.ALREADY_SIGNED',
    'SIGNOFF.SIGNER_HAS_SIGNED',
    'DOCUMENT.FULLY_SIGNED',
    'REGISTRY.NOT_CAUGHT_UP',
  ],
  422: ['SIGNOFF.BAD_SIGNATURE', 'SIGNOFF.ROLE_NOT_REQUIRED', 'SIGNOFF.OPINION_REQUIRED', 'TEXT.NATIONAL_ID_NOT_ALLOWED'],
};

/** Documents under sign-off (签字背书, seed §9): drafted and revised by the unit, signed by the people the kind requires. */
@ApiTags('documents')
@ApiExtraModels(TextContentDto, LetterContentDto)
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('unit_officer', 'commission_officer')
  @ApiCommand({
    summary: 'Draft a document that needs sign-off (version 1)',
    description:
      'Responsibility division, task decomposition, year-end report, responsibility letter or a dual report. The unit’s principal leader, team members or officers draft it; the signers the kind requires are fixed at drafting.',
    status: 201,
    problems: {
      409: ['DOCUMENT.ALREADY_EXISTS', 'REGISTRY.NOT_CAUGHT_UP'],
      422: ['DOCUMENT.INVALID_KIND', 'DOCUMENT.COUNTERPARTY_REQUIRED', 'DOCUMENT.TITLE_REQUIRED', 'DOCUMENT.UNKNOWN_CONTENT_FIELD'],
    },
  })
  draft(@Body() dto: DraftDocumentDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new DraftDocumentCommand({ ...dto, counterpartyUnitCode: dto.counterpartyUnitCode ?? null }, context));
  }

  @Post(':id/versions')
  @HttpCode(201)
  @Roles('unit_officer', 'commission_officer')
  @ApiCommand({
    summary: 'Revise a document: a new version, which needs new signatures',
    description: 'A fully signed document is final; a revision of an older version than the current one is refused.',
    status: 201,
    problems: { 404: ['DOCUMENT.NOT_FOUND'], 409: ['DOCUMENT.STALE_VERSION', 'DOCUMENT.FULLY_SIGNED'] },
  })
  revise(@Param() params: DocumentParams, @Body() dto: ReviseDocumentDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ReviseDocumentCommand({ documentId: params.id, ...dto }, context));
  }

  @Post(':id/versions/:version/sign-offs')
  @HttpCode(201)
  @Roles('unit_officer', 'commission_officer')
  @ApiCommand({
    summary: 'Sign off a version with a written opinion and a signature by the signer’s registered key',
    description:
      'The signature (Ed25519, or SM2 with SM3 and the default signer ID) is over the `signoff/v1` statement: document id, version, content hash, role, signer and the SM3 of the opinion. It is checked against the key the fingerprint names as the registry had it on the signing day; the signer must hold the post the role requires on that day. `npm run sign` does this from a key file.',
    status: 201,
    problems: SIGN_OFF_PROBLEMS,
  })
  signOff(@Param() params: DocumentVersionParams, @Body() dto: SignOffDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(
      new SignDocumentVersionCommand({ documentId: params.id, version: Number(params.version), ...dto }, context),
    );
  }

  @Get(':id')
  @ApiRead({
    summary: 'A document with all its versions, hashes and sign-offs',
    description:
      'Read by the unit’s officers, the officers of the commission paired with it, auditors and registry administrators; a responsibility letter also by the other party’s. ETag carries the stream version.',
    type: DocumentResponse,
    problems: { 404: ['DOCUMENT.NOT_FOUND'] },
  })
  get(@Param() params: DocumentParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetDocument({ documentId: params.id }, principal));
  }

  @Get(':id/versions/:version')
  @ApiRead({
    summary: 'One version: its content and the content hash a signer signs',
    description:
      'With its sign-offs so far and whether it is the current version, a superseded one or the final, fully signed one. Read by those who may read the document.',
    type: DocumentVersionResponse,
    problems: { 404: ['DOCUMENT.NOT_FOUND', 'DOCUMENT.VERSION_NOT_FOUND'] },
  })
  version(@Param() params: DocumentVersionParams, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetDocumentVersion({ documentId: params.id, version: Number(params.version) }, principal));
  }
}
