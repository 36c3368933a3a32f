import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError, fold } from '@app/domain';
import { ApiRead, Roles, setETag } from '@app/platform';
import type { SealedEvent, StoredEvent } from '../stored-event';
import { verifyChain } from '../verify';
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

class VerifyView {
  @ApiProperty() ok!: boolean;
  @ApiProperty() eventsChecked!: number;
  @ApiPropertyOptional({ description: 'When ok: the last seal sequence number checked' }) lastSeq?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When ok: the chain hash at the head (hex)' }) headHash?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'When not ok: the first failing position' }) position?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'When not ok: the first failing seal entry' }) seq?: number | null;
  @ApiPropertyOptional({
    enum: ['SEQ_GAP', 'MISSING_EVENT', 'CONTENT_HASH_MISMATCH', 'STREAM_GAP', 'CHAIN_HASH_MISMATCH', 'UNSEALED_EVENT', 'TAIL_MISSING'],
  })
  reason?: string;
  @ApiPropertyOptional() detail?: string;
}

/** The service's log for auditors: in order, with hashes; one stream; a stream as of then; the chain check. */
@ApiTags('audit')
@Roles('auditor')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(EventSourcing) private readonly sourcing: EventSourcing,
    @Inject(STREAM_FOLDERS) private readonly folders: StreamFolders,
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
    const folder = Object.entries(this.folders).find(([prefix]) => streamId.startsWith(prefix))?.[1];
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
    summary: 'Walk the hash chain: ok, or the first failing position and why',
    description: 'Recomputes every content hash and chain link of the sealed log; a failure names the first position and the reason.',
    type: VerifyView,
    parameters: false,
  })
  async verify() {
    await this.sourcing.sealer.sealPending();
    return verifyChain(this.sourcing.pool, this.sourcing.store.hashAlgorithm);
  }
}

function storedView(event: StoredEvent) {
  return { ...event, recordedAt: event.recordedAt.toISOString() };
}

function sealedView(event: SealedEvent): AuditEvent {
  return { ...storedView(event) } as AuditEvent;
}
