/**
 * Stored events evolve by upcasting: the type name stays, old shapes are lifted on read one
 * schema version at a time. A change of meaning is a new event type, not an upcaster.
 */
export interface RawEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  /** When the event was appended: what an old shape that lacks a date can be dated by. */
  readonly recordedAt: Date;
}

/** What an upcaster may read of the stored event besides its data. */
export interface UpcastContext {
  readonly recordedAt: Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each upcaster names the old shape it lifts
export type Upcaster = (data: any, event: UpcastContext) => unknown;

export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  /** Registers the step that lifts `type` from `fromVersion` to `fromVersion + 1`. */
  register(type: string, fromVersion: number, step: Upcaster): this {
    this.steps.set(`${type}@${fromVersion}`, step);
    return this;
  }

  upcast(event: RawEvent): RawEvent {
    let current = event;
    for (
      let step = this.steps.get(`${current.type}@${current.schemaVersion}`);
      step;
      step = this.steps.get(`${current.type}@${current.schemaVersion}`)
    ) {
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: step(current.data, { recordedAt: current.recordedAt }) };
    }
    return current;
  }
}
