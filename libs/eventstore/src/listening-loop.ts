import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` whenever PostgreSQL notifies `channel`, and every `idleMs` besides (a notification
 * can be missed, or the work can be held back by something that sends none). `work` may return
 * a shorter wait before the next round (0 = at once). A lost LISTEN connection only costs latency.
 */
export class ListeningLoop {
  private listener?: PoolClient;
  private running = false;
  private pendingWake = false;
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly work: () => Promise<number | void>,
    private readonly idleMs: number,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.listener = await this.pool.connect();
    this.listener.on('notification', () => this.wake());
    this.listener.on('error', (error) => process.emitWarning(`${this.channel} listener: ${error.message}`));
    await this.listener.query(`LISTEN ${this.channel}`);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
      this.listener.release();
      this.listener = undefined;
    }
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      let wait = this.idleMs;
      try {
        wait = (await this.work()) ?? this.idleMs;
      } catch (error) {
        process.emitWarning(`${this.channel}: ${(error as Error).message}`);
      }
      if (!this.running || this.pendingWake || wait === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}
