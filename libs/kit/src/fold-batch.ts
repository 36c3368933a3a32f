/**
 * Folds a batch of events onto the states they touch, loading each state once: what a
 * projection that keeps one folded row per stream needs before it writes each row once.
 *
 * Events reach the projection twice (inline with the append, later from the seal), so each row
 * keeps the stream version it has folded: an event at or below it is skipped, and a stream's
 * events stop at a gap (the seal brings the missing one later, in order). Keys it did not fold
 * anything for are left out of the result.
 */
export async function foldBatch<State, Event>(
  events: readonly { readonly version: number }[],
  fold: {
    readonly keyOf: (event: Event) => string;
    readonly load: (key: string) => Promise<{ readonly state: State; readonly version: number } | null | undefined>;
    readonly initialState: () => State;
    readonly evolve: (state: State, event: Event) => State;
    /** Per event folded, in order, e.g. to keep an index table. */
    readonly each?: (event: Event) => Promise<void>;
  },
): Promise<Map<string, { readonly state: State; readonly version: number }>> {
  const current = new Map<string, { state: State; version: number; changed: boolean }>();
  for (const stored of events) {
    const event = stored as unknown as Event;
    const key = fold.keyOf(event);
    let row = current.get(key);
    if (!row) {
      const loaded = await fold.load(key);
      row = { state: loaded?.state ?? fold.initialState(), version: loaded?.version ?? 0, changed: false };
      current.set(key, row);
    }
    if (stored.version !== row.version + 1) continue;
    row.state = fold.evolve(row.state, event);
    row.version = stored.version;
    row.changed = true;
    await fold.each?.(event);
  }
  return new Map([...current].filter(([, row]) => row.changed).map(([key, { state, version }]) => [key, { state, version }]));
}

/**
 * An append's events folded onto the state the command path offered (one stream, in order), or
 * `undefined` when one does not follow on: what an inline projection writes without a read.
 */
export function foldOnward<State, Event>(
  start: { readonly state: State; readonly version: number },
  events: readonly { readonly version: number }[],
  evolve: (state: State, event: Event) => State,
): { state: State; version: number } | undefined {
  let { state, version } = start;
  for (const event of events) {
    if (event.version !== version + 1) return undefined;
    state = evolve(state, event as unknown as Event);
    version = event.version;
  }
  return { state, version };
}
