/**
 * Folds a batch of events onto the states they touch, loading each state once: what a
 * projection that keeps one folded row per stream needs before it writes each row once.
 */
export async function foldBatch<State, Event>(
  events: readonly { readonly version: number }[],
  fold: {
    readonly keyOf: (event: Event) => string;
    readonly load: (key: string) => Promise<State | undefined>;
    readonly initialState: () => State;
    readonly evolve: (state: State, event: Event) => State;
    /** Per event, in order, e.g. to keep an index table. */
    readonly each?: (event: Event) => Promise<void>;
  },
): Promise<Map<string, { readonly state: State; readonly version: number }>> {
  const touched = new Map<string, { state: State; version: number }>();
  for (const stored of events) {
    const event = stored as unknown as Event;
    const key = fold.keyOf(event);
    const state = touched.get(key)?.state ?? (await fold.load(key)) ?? fold.initialState();
    touched.set(key, { state: fold.evolve(state, event), version: stored.version });
    await fold.each?.(event);
  }
  return touched;
}
