import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';

export interface InboxMessage {
  readonly consumer: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** 1 on first delivery to the handler, more when retried after a failure. */
  readonly attempt: number;
  /** The transaction the inbox record is written in; the handler's effect belongs in it too. */
  readonly manager: EntityManager;
  /** Runs `effect` once the transaction has committed (never if it rolls back); a failing effect is logged. */
  readonly afterCommit: (effect: () => Promise<void> | void) => void;
}

/** What an inbox handler gets with `@Ctx()`; `@Payload()` is the integration envelope. */
export class InboxContext extends BaseRpcContext<[InboxMessage]> {
  get message(): InboxMessage {
    return this.args[0];
  }

  getManager(): EntityManager {
    return this.args[0].manager;
  }

  /** An effect outside the database (a cache, an in-memory table) that must only follow a committed message. */
  afterCommit(effect: () => Promise<void> | void): void {
    this.args[0].afterCommit(effect);
  }

  getTopic(): string {
    return this.args[0].topic;
  }

  getPartition(): number {
    return this.args[0].partition;
  }

  getOffset(): string {
    return this.args[0].offset;
  }

  getHeaders(): Readonly<Record<string, string>> {
    return this.args[0].headers;
  }
}
