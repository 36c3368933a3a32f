import { applyDecorators, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { BUNDLE_EVENT_COUNT_HEADER, tarEnd, tarEntry, type SignedCheckpoint } from '@app/audit-bundle';
import { DomainError, fold } from '@app/domain';
import { ApiProblems, ApiRead, PARAMETER_PROBLEMS, ROLE_PROBLEMS, Roles, setETag } from '@app/platform';
import { AUDIT_BUNDLE_EXTRAS, exportBundle, type AuditBundleExtras } from '../audit-export';
import { LogDivergedError } from '../log-checkpoints';
import type { SealedEvent, StoredEvent } from '../stored-event';
import { EventSourcing } from './event-sourcing';

/** Folds a stream category for time travel: `{ 'unit-': unitDecider }`. */
export type StreamFolders = Readonly<Record<string, { initialState: () => unknown; evolve: (state: never, event: never) => unknown }>>;
export const STREAM_FOLDERS = Symbol('STREAM_FOLDERS');

class AuditFeedQuery {
  @ApiPropertyOptional({ description: 'Seal sequence number to read after (0 = from the start)', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after = 0;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

class StateQuery {
  @ApiPropertyOptional({ description: 'Fold the events recorded at or before this instant (ISO 8601)', example: '2026-06-30T16:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ description: 'Fold the events up to this stream version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version?: number;
}

const FREE_FORM = { type: 'object', additionalProperties: true } as const;

class StoredShapeView {
  @ApiProperty() schemaVersion!: number;
  @ApiProperty(FREE_FORM) data!: unknown;
}

class StoredEventView {
  @ApiProperty() position!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ ...FREE_FORM, description: 'The event as stored' }) data!: unknown;
  @ApiProperty({ ...FREE_FORM, description: 'Actor, correlation and causation ids, unit' }) metadata!: unknown;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ description: 'Hash over the canonical content and the stream predecessor (hex)' }) contentHash!: string;
  @ApiPropertyOptional({
    type: StoredShapeView,
    description:
      'When `data` differs from what is stored (upcast from an older schema version, or personal values masked): the stored schemaVersion and data, which contentHash covers',
  })
  stored?: StoredShapeView;
}

class AuditEvent extends StoredEventView {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'Seal link: previous link, seq, position and contentHash (hex)' }) chainHash!: string;
}

class AuditFeedView {
  @ApiProperty({ type: [AuditEvent] }) events!: AuditEvent[];
  @ApiProperty({ description: 'Pass as ?after= to read on' }) next!: number;
}

class AuditStreamView {
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: 'Events in the stream, also sent as ETag' }) version!: number;
  @ApiProperty({ type: [StoredEventView] }) events!: StoredEventView[];
}

class AuditStateView {
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: 'The version folded up to' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) asOf!: string | null;
  @ApiProperty({ type: StoredEventView, nullable: true }) lastEvent!: StoredEventView | null;
  @ApiProperty({ ...FREE_FORM, description: "The stream's state as its decider folds it" }) state!: unknown;
}

class WitnessDisagreementView {
  @ApiProperty() directory!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The checkpoint number; null when the directory holds none' })
  checkpoint!: number | null;
  @ApiProperty({ enum: ['missing', 'unreadable', 'different'] }) problem!: string;
  @ApiProperty() detail!: string;
}

class VerifyView {
  @ApiProperty() ok!: boolean;
  @ApiProperty() eventsChecked!: number;
  @ApiPropertyOptional({ description: 'When ok: the last seal sequence number checked' }) lastSeq?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When ok: the chain hash at the head (hex)' }) headHash?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'When not ok: the first failing position' }) position?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'When not ok: the first failing seal entry' }) seq?: number | null;
  @ApiPropertyOptional({
    enum: [
      'SEQ_GAP',
      'MISSING_EVENT',
      'CONTENT_HASH_MISMATCH',
      'STREAM_GAP',
      'CHAIN_HASH_MISMATCH',
      'UNSEALED_EVENT',
      'TAIL_MISSING',
      'CHECKPOINT_MISMATCH',
      'CHECKPOINT_SIGNATURE_INVALID',
    ],
  })
  reason?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ type: [Number], description: 'When ok: the signed checkpoints whose Merkle roots the log reproduced' })
  checkpointsMatched?: number[];
  @ApiProperty({
    type: [WitnessDisagreementView],
    description:
      'Witness directories (AUDIT_WITNESS_DIR, AUDIT_WITNESS_DIRS) whose copies are missing, unreadable or not the same as another directory’s; empty when they agree',
  })
  witnessDisagreements!: WitnessDisagreementView[];
}

/** A seal sequence or checkpoint number from a query or path: a whole number from 1, as a number. */
const SealNumber = () =>
  applyDecorators(
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(Number.MAX_SAFE_INTEGER),
  );

const SEQ = { type: Number, minimum: 1 } as const;

class CheckpointParams {
  @ApiProperty({ description: 'Checkpoint number (1, 2, …)', minimum: 1 })
  @SealNumber()
  number!: number;
}

class InclusionQuery {
  @ApiProperty({ ...SEQ, description: 'Seal sequence number of the event' })
  @SealNumber()
  seq!: number;

  @ApiPropertyOptional({ ...SEQ, description: 'Checkpoint number to prove inclusion in (default: the newest)' })
  @IsOptional()
  @SealNumber()
  checkpoint?: number;
}

class ConsistencyQuery {
  @ApiProperty({ ...SEQ, description: 'The earlier checkpoint number' })
  @SealNumber()
  from!: number;

  @ApiPropertyOptional({ ...SEQ, description: 'The later checkpoint number (default: the newest)' })
  @IsOptional()
  @SealNumber()
  to?: number;
}

class ExportQuery {
  @ApiPropertyOptional({ ...SEQ, description: 'First seal sequence number (default 1)' })
  @IsOptional()
  @SealNumber()
  from?: number;

  @ApiPropertyOptional({ ...SEQ, description: 'Last seal sequence number (default: the whole log, checkpointed now)' })
  @IsOptional()
  @SealNumber()
  to?: number;

  @ApiPropertyOptional({
    description: 'Instead of from/to: every stream of this unit (one of its events names the unit), each whole',
    example: 'U001',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'unit must be a unit code' })
  unit?: string;
}

class CheckpointBodyView {
  @ApiProperty({ example: 'two-resp-checkpoint/v1' }) format!: string;
  @ApiProperty() service!: string;
  @ApiProperty() number!: number;
  @ApiProperty({ description: 'Seal entries 1..logSize are covered' }) logSize!: number;
  @ApiProperty({ description: 'RFC 6962-shaped Merkle root over the sealed events (hex)' }) rootHash!: string;
  @ApiProperty({ enum: ['sm3', 'sha256'] }) hashAlgorithm!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Hash (hex) of the previous checkpoint body' }) previous!: string | null;
  @ApiProperty({ enum: ['sm2', 'ed25519'] }) signatureAlgorithm!: string;
  @ApiProperty({ description: "SM3 fingerprint of the service's public key (hex)" }) keyFingerprint!: string;
}

class CheckpointView {
  @ApiProperty({ type: CheckpointBodyView }) body!: CheckpointBodyView;
  @ApiProperty({ description: 'Signature over the canonical JSON (RFC 8785) of body, 128 hex chars' }) signature!: string;
}

class CreatedCheckpointView {
  @ApiProperty({ type: CheckpointView }) checkpoint!: CheckpointView;
  @ApiProperty({ description: 'False when the newest checkpoint already covered the whole sealed log' }) created!: boolean;
}

class ServiceKeyView {
  @ApiProperty({ enum: ['sm2', 'ed25519'] }) algorithm!: string;
  @ApiProperty({ description: 'SM2: uncompressed point 04‖x‖y; Ed25519: 32 bytes (hex)' }) publicKey!: string;
  @ApiProperty({ description: 'SM3 of the public key bytes (hex)' }) fingerprint!: string;
}

class ServiceKeysView {
  @ApiProperty() service!: string;
  @ApiProperty({ type: [ServiceKeyView] }) keys!: ServiceKeyView[];
}

class InclusionProofView {
  @ApiProperty({ type: CheckpointView }) checkpoint!: CheckpointView;
  @ApiProperty() seq!: number;
  @ApiProperty() position!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ description: 'H(0x00 ‖ "seq|position|contentHash") (hex)' }) leafHash!: string;
  @ApiProperty({ description: 'seq − 1' }) leafIndex!: number;
  @ApiProperty({ type: [String], description: 'RFC 9162 inclusion proof, leaf to root (hex)' }) proof!: string[];
}

class ConsistencyProofView {
  @ApiProperty({ type: CheckpointView }) from!: CheckpointView;
  @ApiProperty({ type: CheckpointView }) to!: CheckpointView;
  @ApiProperty({ type: [String], description: 'RFC 9162 consistency proof (hex)' }) proof!: string[];
}

/** The service's log for auditors: in order, with hashes; one stream; a stream as of then; the chain check. */
@ApiTags('audit')
@Roles('auditor')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(EventSourcing) private readonly sourcing: EventSourcing,
    @Inject(STREAM_FOLDERS) private readonly folders: StreamFolders,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  @Get('events')
  @ApiRead({
    summary: 'The sealed log in commit order after a seal sequence number',
    description: 'Up to limit events after the seal sequence number, each with its content hash and chain link; read on from next.',
    type: AuditFeedView,
  })
  async events(@Query() query: AuditFeedQuery): Promise<{ events: AuditEvent[]; next: number }> {
    await this.sourcing.sealer.sealPending();
    // Auditors see personal values masked (`[personal data]`, `[erased]`); `stored` keeps the encrypted form the hash covers.
    const events = await this.sourcing.store.readSealed(query.after, query.limit, undefined, 'mask');
    return { events: events.map(sealedView), next: events.at(-1)?.seq ?? query.after };
  }

  @Get('streams/:streamId')
  @ApiRead({
    summary: 'Every event of one stream, with hashes',
    description: 'The stream as stored, oldest first; ETag carries its version.',
    type: AuditStreamView,
    problems: { 404: ['STREAM.NOT_FOUND'] },
  })
  async stream(
    @Param('streamId') streamId: string,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): unknown },
  ) {
    const events = await this.sourcing.store.readStream(streamId, { personalData: 'mask' });
    if (events.length === 0) throw new DomainError('STREAM.NOT_FOUND', `No stream ${streamId}.`, 'not_found');
    setETag(response, events.length);
    return { streamId, version: events.length, events: events.map(storedView) };
  }

  @Get('streams/:streamId/state')
  @ApiRead({
    summary: 'A stream folded as of an instant (?at=) or a version (?version=)',
    description: 'Time travel: the state its decider folds from the events recorded up to then, and the last of them.',
    type: AuditStateView,
    problems: { 404: ['STREAM.NOT_FOUND', 'STREAM.UNKNOWN_CATEGORY'], 422: ['AUDIT.AMBIGUOUS_POINT'] },
  })
  async state(@Param('streamId') streamId: string, @Query() query: StateQuery) {
    if (query.at !== undefined && query.version !== undefined) {
      throw new DomainError('AUDIT.AMBIGUOUS_POINT', 'Give either at or version, not both.', 'invalid');
    }
    // The longest prefix that fits: `petition-counts-` is not a `petition-`.
    const folder = Object.entries(this.folders)
      .filter(([prefix]) => streamId.startsWith(prefix))
      .sort(([a], [b]) => b.length - a.length)[0]?.[1];
    if (!folder) throw new DomainError('STREAM.UNKNOWN_CATEGORY', `No stream category fits ${streamId}.`, 'not_found');
    const events = await this.sourcing.store.readStream(streamId, {
      toVersion: query.version,
      at: query.at ? new Date(query.at) : undefined,
      personalData: 'mask',
    });
    const all = await this.sourcing.store.readStream(streamId, { toVersion: 1 });
    if (all.length === 0) throw new DomainError('STREAM.NOT_FOUND', `No stream ${streamId}.`, 'not_found');
    return {
      streamId,
      version: events.length,
      asOf: query.at ?? null,
      lastEvent: events.at(-1) ? storedView(events.at(-1)!) : null,
      state: fold(folder as never, events as never),
    };
  }

  @Get('verify')
  @ApiRead({
    summary: 'Walk the hash chain and check it against the newest signed checkpoints: ok, or the first failing position and why',
    description:
      'Recomputes every content hash and chain link of the sealed log, and the Merkle root at the newest signed checkpoint in each witness directory (outside the database) and in the database; a failure names the first position and the reason. Witness directories whose copies disagree are listed in witnessDisagreements.',
    type: VerifyView,
    parameters: false,
  })
  verify() {
    return this.sourcing.verify();
  }

  @Get('keys')
  @ApiRead({
    summary: "The service's public keys, which sign its checkpoints",
    description: 'Pin them: a checkpoint, proof or bundle is only as good as the key it is checked with.',
    type: ServiceKeysView,
    parameters: false,
  })
  keys() {
    return { service: this.sourcing.service, keys: this.sourcing.checkpoints.publicKeys() };
  }

  @Post('checkpoints')
  @HttpCode(200)
  @ApiRead({
    summary: 'Sign a checkpoint of the sealed log now',
    description:
      'Seals what is committed, then signs the Merkle root of the whole sealed log (unless the newest checkpoint already covers it) and writes it to the witness directory.',
    type: CreatedCheckpointView,
    parameters: false,
    problems: { 409: ['AUDIT.LOG_DIVERGED'] },
  })
  async checkpoint() {
    await this.sourcing.sealer.sealPending();
    return diverged(() => this.sourcing.checkpoints.create());
  }

  @Get('checkpoints/:number')
  @ApiRead({
    summary: 'A signed checkpoint',
    description: 'As stored; also in the witness directory as checkpoint-<number>.json.',
    type: CheckpointView,
    problems: { 404: ['AUDIT.CHECKPOINT_NOT_FOUND'] },
  })
  async checkpointByNumber(@Param() params: CheckpointParams) {
    return this.checkpointOrFail(params.number);
  }

  @Get('proofs/inclusion')
  @ApiRead({
    summary: 'Inclusion proof of a sealed event in a signed checkpoint',
    description: 'RFC 9162 audit path from the event’s leaf to the checkpoint’s root; verify it offline with the checkpoint’s signature.',
    type: InclusionProofView,
    problems: { 404: ['AUDIT.CHECKPOINT_NOT_FOUND'], 409: ['AUDIT.LOG_DIVERGED'], 422: ['AUDIT.NOT_IN_CHECKPOINT'] },
  })
  async inclusion(@Query() query: InclusionQuery) {
    const checkpoint = await this.checkpointOrFail(query.checkpoint);
    if (query.seq > checkpoint.body.logSize) {
      throw new DomainError(
        'AUDIT.NOT_IN_CHECKPOINT',
        `Checkpoint ${checkpoint.body.number} covers seal entries 1..${checkpoint.body.logSize}, not ${query.seq}.`,
        'invalid',
      );
    }
    return diverged(() => this.sourcing.checkpoints.inclusionProof(query.seq, checkpoint));
  }

  @Get('proofs/consistency')
  @ApiRead({
    summary: 'Consistency proof between two signed checkpoints',
    description: 'RFC 9162 proof that the log at the earlier checkpoint is a prefix of the log at the later one.',
    type: ConsistencyProofView,
    problems: { 404: ['AUDIT.CHECKPOINT_NOT_FOUND'], 409: ['AUDIT.LOG_DIVERGED'], 422: ['AUDIT.CHECKPOINTS_OUT_OF_ORDER'] },
  })
  async consistency(@Query() query: ConsistencyQuery) {
    const from = await this.checkpointOrFail(query.from);
    const to = await this.checkpointOrFail(query.to);
    if (from.body.number > to.body.number) {
      throw new DomainError('AUDIT.CHECKPOINTS_OUT_OF_ORDER', `Checkpoint ${from.body.number} comes after ${to.body.number}.`, 'invalid');
    }
    return diverged(() => this.sourcing.checkpoints.consistencyProof(from, to));
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export bundle of seal entries from..to, or of every stream of a unit, for the offline verifier',
    description:
      'A ustar archive, streamed (`curl … | tar -x -C bundle/`, then `npx two-resp-verify bundle/`, or `npm run export-bundle`): the events as stored with hashes, chain links and inclusion proofs in a checkpoint signed now, earlier checkpoints with consistency proofs, the service’s public keys and, where the service has sign-offs, the signers’ registered keys. `?unit=` exports every stream of the unit whole instead of a range. The X-Bundle-Event-Count header gives the number of events to come. Format: docs/audit-bundle.md.',
  })
  @ApiOkResponse({
    description: 'The bundle as a tar archive',
    content: { 'application/x-tar': { schema: { type: 'string', format: 'binary' } } },
    headers: { [BUNDLE_EVENT_COUNT_HEADER]: { description: 'Events in the bundle', schema: { type: 'integer' } } },
  })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS, { 409: ['AUDIT.LOG_DIVERGED'], 422: ['AUDIT.AMBIGUOUS_SELECTION'] })
  async export(
    @Query() query: ExportQuery,
    @Res()
    response: {
      setHeader(name: string, value: string): unknown;
      write(chunk: Buffer): boolean;
      once(event: 'drain', listener: () => void): unknown;
      end(): unknown;
      headersSent: boolean;
      destroy(error?: Error): unknown;
    },
  ): Promise<void> {
    if (query.unit !== undefined && (query.from !== undefined || query.to !== undefined)) {
      throw new DomainError('AUDIT.AMBIGUOUS_SELECTION', 'Give either from/to or unit, not both.', 'invalid');
    }
    await this.sourcing.sealer.sealPending();
    // Checkpoint first, so a diverged log answers 409 before any byte of the archive is sent.
    await diverged(() => this.sourcing.checkpoints.create());
    response.setHeader('content-type', 'application/x-tar');
    response.setHeader('content-disposition', `attachment; filename="${this.sourcing.service}-audit-bundle.tar"`);
    const sink = {
      file: async (name: string, content: Buffer) => {
        if (!response.write(tarEntry(`bundle/${name}`, content))) await new Promise<void>((resolve) => response.once('drain', resolve));
      },
    };
    try {
      await exportBundle(
        {
          pool: this.sourcing.pool,
          checkpoints: this.sourcing.checkpoints,
          service: this.sourcing.service,
          hashAlgorithm: this.sourcing.store.hashAlgorithm,
        },
        { from: query.from, to: query.to, unit: query.unit },
        sink,
        { extras: this.bundleExtras(), onPlanned: (total) => response.setHeader(BUNDLE_EVENT_COUNT_HEADER, String(total)) },
      );
      response.write(tarEnd());
      response.end();
    } catch (error) {
      // Headers are gone: all that is left is to cut the archive short, which tar reports.
      response.destroy(error as Error);
    }
  }

  /** A service with sign-offs provides AUDIT_BUNDLE_EXTRAS in one of its own modules; others have none. */
  private bundleExtras(): AuditBundleExtras | undefined {
    try {
      return this.moduleRef.get<AuditBundleExtras>(AUDIT_BUNDLE_EXTRAS, { strict: false });
    } catch {
      return undefined;
    }
  }

  private async checkpointOrFail(number?: number): Promise<SignedCheckpoint> {
    const checkpoint = await this.sourcing.checkpoints.get(number);
    if (!checkpoint)
      throw new DomainError('AUDIT.CHECKPOINT_NOT_FOUND', number ? `No checkpoint ${number}.` : 'No checkpoint yet.', 'not_found');
    return checkpoint;
  }
}

/** A log that no longer reproduces a signed checkpoint gets no new signature and no proof: 409, with the reason. */
async function diverged<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LogDivergedError) throw new DomainError('AUDIT.LOG_DIVERGED', error.message, 'conflict');
    throw error;
  }
}

function storedView(event: StoredEvent) {
  return { ...event, recordedAt: event.recordedAt.toISOString() };
}

function sealedView(event: SealedEvent): AuditEvent {
  return { ...storedView(event) } as AuditEvent;
}
