import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_REUSED, STREAM_CONFLICT } from '@app/eventstore';
import { ApiProblems, BODY_PROBLEMS, PLATFORM_CODES, PARAMETER_PROBLEMS, ROLE_PROBLEMS, type Problems } from '@app/platform';
import type { CommandResponse } from './command-path';

/** The schema of {@link CommandResponse}, what every command answers; use cases that mint an id extend it. */
export class CommandResponseDto implements CommandResponse {
  @ApiProperty({ example: 'unit-JS-JYJ', description: 'The stream the command was appended to' })
  streamId!: string;

  @ApiProperty({ example: 3, description: 'The stream version after the command; sent back as ETag, and in If-Match next time' })
  version!: number;

  @ApiProperty({ type: [String], example: ['UnitRenamed'], description: 'Types of the events recorded (empty when nothing changed)' })
  events!: string[];

  @ApiProperty({ description: 'True when this is the stored answer to an earlier request with the same Idempotency-Key' })
  replayed!: boolean;

  @ApiProperty({ description: 'False when the command is stored but the read models had not caught up in time (a read may lag)' })
  readModelsCurrent!: boolean;
}

export interface CommandDoc {
  readonly summary: string;
  readonly description: string;
  /** 201 for a command that creates something, 200 otherwise; must match the route's `@HttpCode`. */
  readonly status: 200 | 201;
  /** The answer's schema when it adds to {@link CommandResponseDto}. */
  readonly type?: Type<CommandResponse>;
  /** The use case's own problems (404, 409, 422 …), beside the ones every command can give. */
  readonly problems: Problems;
}

/**
 * Documents a command route: the operation, its answer and every problem it can give — the
 * edge's (400, 401, 403, 413, 415), the command path's (a reused Idempotency-Key, a stale If-Match)
 * and the use case's own.
 */
export function ApiCommand(doc: CommandDoc): MethodDecorator {
  // Every command route honours If-Match, including those that start a stream (where "0" asks that it does not exist yet).
  const path: Problems = {
    400: [PLATFORM_CODES.badIdempotencyKey, PLATFORM_CODES.badIfMatch],
    412: [STREAM_CONFLICT],
    422: [IDEMPOTENCY_KEY_REUSED],
  };
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    ApiResponse({ status: doc.status, type: doc.type ?? CommandResponseDto, description: 'The command is recorded (or replayed)' }),
    ApiProblems(ROLE_PROBLEMS, BODY_PROBLEMS, PARAMETER_PROBLEMS, path, doc.problems),
  );
}
