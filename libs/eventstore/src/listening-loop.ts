import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` whenever PostgreSQL notifies `channel`, and every `idleMs` besides (a notification
 * can be missed, or the work can be held back by something that sends none). `work` may return
 * a shorter wait before the next round (0 = at once). A lost LISTEN connection only costs
 * latency: its error is handled, the connection discarded, and a new one listens at the next round.
 *
 * `minIntervalMs` spaces the rounds' starts: a wake within that time of the last start is kept
 * and served when it has passed, so under load one round covers what many wakes asked for (a
 * round's cost is mostly fixed), while at rest a wake is served at once.
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
    private readonly minIntervalMs = 0,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      listener.removeListener('error', this.onListenerError);
      listener.removeListener('notification', this.onNotification);
      await listener.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
      listener.release();
    }
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  private readonly onNotification = (): void => this.wake();

  /** The LISTEN session is gone (e.g. terminated by the server): discard it and listen again next round. */
  private readonly onListenerError = (error: Error): void => {
    const client = this.listener;
    if (!client) return;
    this.listener = undefined;
    client.removeListener('error', this.onListenerError);
    client.removeListener('notification', this.onNotification);
    process.emitWarning(`${this.channel} listener: ${error.message}`);
    client.release(error);
    this.wake();
  };

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    this.listener = client;
    client.on('error', this.onListenerError);
    client.on('notification', this.onNotification);
    try {
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      if (this.listener === client) this.onListenerError(error as Error);
      throw error;
    }
  }

  private async run(): Promise<void> {
    let lastStart = 0;
    while (this.running) {
      const spacing = lastStart + this.minIntervalMs - Date.now();
      if (spacing > 0) await this.sleep(spacing, () => !this.running);
      if (!this.running) break;
      lastStart = Date.now();
      this.pendingWake = false;
      let wait = this.idleMs;
      try {
        if (!this.listener) await this.listen();
      } catch {
        /* polling goes on; the next round listens again */
      }
      try {
        wait = (await this.work()) ?? this.idleMs;
      } catch (error) {
        process.emitWarning(`${this.channel}: ${(error as Error).message}`);
      }
      if (!this.running || this.pendingWake || wait === 0) continue;
      await this.sleep(wait, () => true);
    }
  }

  /** Waits `ms`, or less if woken and `cut()` says a wake ends the wait now. */
  private async sleep(ms: number, cut: () => boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        if (!cut()) return;
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = undefined;
  }
}
