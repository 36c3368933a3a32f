import type { EntityManager } from 'typeorm';
import type { FoldedStream, InlineWrite, PendingEvent, Projection, StoredEvent } from '@app/eventstore';
import { unitDecider, type UnitState } from '../units/unit.decider';
import type { UnitEvent } from '../units/unit.events';
import { foldBatch, foldOnward } from '@app/kit';

const UNIT_EVENTS: readonly UnitEvent['type'][] = [
  'UnitRegistered',
  'UnitRenamed',
  'UnitMoved',
  'UnitDissolved',
  'UnitPaired',
  'UnitPairingEnded',
  'AppointmentMade',
  'AppointmentEnded',
  'PortfolioAssigned',
  'PortfolioEnded',
];

type AppointmentEvent = Extract<UnitEvent, { type: 'AppointmentMade' | 'AppointmentEnded' | 'PortfolioAssigned' | 'PortfolioEnded' }>;

/**
 * Units folded by the decider's own evolve, plus the appointment and portfolio indexes. A batch
 * costs a fixed number of statements whatever its size: the touched units are loaded with one
 * `= ANY($1)` query, the rows written with one `unnest` upsert, and the index changes applied
 * set by set (see `indexRounds`). Inline, a command's own unit comes from the command path's fold
 * and its writes go into the append's statement (`inlineWrites`).
 */
export const unitsProjection: Projection = {
  name: 'registry-units',
  version: 1,
  handles: UNIT_EVENTS,
  async reset(manager) {
    await manager.query('TRUNCATE reg_units, reg_appointments, reg_portfolios');
  },
  apply(stored: StoredEvent, manager: EntityManager) {
    return this.applyAll!([stored], manager);
  },
  /** Folds each unit's events of the batch onto its row, then writes each row touched once. */
  async applyAll(events: readonly StoredEvent[], manager: EntityManager) {
    const codes = [...new Set(events.map((event) => (event.data as { unitCode: string }).unitCode))];
    const stored: { code: string; state: UnitState; version: number }[] = await manager.query(
      'SELECT code, state, version FROM reg_units WHERE code = ANY($1::text[])',
      [codes],
    );
    const loaded = new Map(stored.map((row) => [row.code, row]));
    const indexChanges: AppointmentEvent[] = [];
    const touched = await foldBatch<UnitState, UnitEvent>(events, {
      keyOf: (event) => event.data.unitCode,
      load: (code) => Promise.resolve(loaded.get(code)),
      initialState: unitDecider.initialState,
      evolve: unitDecider.evolve,
      each: (event) => {
        if (isAppointmentEvent(event)) indexChanges.push(event);
        return Promise.resolve();
      },
    });
    for (const write of [...unitRowsWrites(touched), ...indexRounds(indexChanges).flat()]) {
      await manager.query(write.text, [...write.values]);
    }
  },
  /**
   * One unit's row from the command path's fold, and its index changes if they take one round
   * (no appointment changed twice by the append); otherwise `undefined` and `applyAll` runs.
   */
  inlineWrites(events: readonly PendingEvent[], folded: FoldedStream): readonly InlineWrite[] | undefined {
    if (folded.evolve !== unitDecider.evolve || folded.initialState !== unitDecider.initialState) return undefined;
    const unitEvents = events as unknown as readonly (UnitEvent & { readonly version: number })[];
    const code = unitEvents[0].data.unitCode;
    if (unitEvents.some((event) => event.data.unitCode !== code)) return undefined;
    const start = folded.version === 0 ? unitDecider.initialState() : (JSON.parse(JSON.stringify(folded.state)) as UnitState);
    const next = foldOnward({ state: start, version: folded.version }, unitEvents, unitDecider.evolve);
    const rounds = indexRounds((unitEvents as readonly UnitEvent[]).filter(isAppointmentEvent));
    if (!next || rounds.length > 1) return undefined;
    return [...unitRowsWrites(new Map([[code, next]])), ...(rounds[0] ?? [])];
  },
};

/** The one upsert of the unit rows a batch touched (an absent unit has no row). */
function unitRowsWrites(touched: ReadonlyMap<string, { readonly state: UnitState; readonly version: number }>): InlineWrite[] {
  const rows = [...touched].flatMap(([code, { state, version }]) => (state.status === 'absent' ? [] : [{ code, state, version }]));
  if (rows.length === 0) return [];
  return [
    {
      text: `INSERT INTO reg_units (code, name, kind, level, parent_code, status, version, state)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::jsonb[])
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, level = excluded.level,
           parent_code = excluded.parent_code, status = excluded.status, version = excluded.version, state = excluded.state`,
      values: [
        rows.map((r) => r.code),
        rows.map((r) => r.state.names.at(-1)!.name),
        rows.map((r) => r.state.kind),
        rows.map((r) => r.state.level),
        rows.map((r) => r.state.parents.at(-1)!.parentCode),
        rows.map((r) => r.state.status),
        rows.map((r) => r.version),
        rows.map((r) => JSON.stringify(r.state)),
      ],
    },
  ];
}

function isAppointmentEvent(event: UnitEvent): event is AppointmentEvent {
  return (
    event.type === 'AppointmentMade' ||
    event.type === 'AppointmentEnded' ||
    event.type === 'PortfolioAssigned' ||
    event.type === 'PortfolioEnded'
  );
}

/**
 * The appointment and portfolio index changes of a batch, in as few statements as the batch
 * allows. Every change touches the rows of one appointment only, so changes of different
 * appointments commute; those of one appointment keep their order. Round k applies the k-th
 * change of every appointment, one set-based statement per kind — as many rounds as the most
 * changed appointment of the batch has changes (usually one or two). The writes of one round
 * touch disjoint rows and may run in any order, or together in one statement.
 */
function indexRounds(changes: readonly AppointmentEvent[]): InlineWrite[][] {
  const byAppointment = new Map<string, AppointmentEvent[]>();
  for (const change of changes) {
    const list = byAppointment.get(change.data.appointmentId);
    if (list) list.push(change);
    else byAppointment.set(change.data.appointmentId, [change]);
  }
  const lists = [...byAppointment.values()];
  const rounds: InlineWrite[][] = [];
  for (let round = 0; ; round++) {
    const step = lists.flatMap((list) => (round < list.length ? [list[round]] : []));
    if (step.length === 0) return rounds;
    rounds.push(roundWrites(step));
  }
}

/** One change per appointment: the statements below touch disjoint rows and may run in any order. */
function roundWrites(step: readonly AppointmentEvent[]): InlineWrite[] {
  const writes: InlineWrite[] = [];
  const made = step.flatMap((e) => (e.type === 'AppointmentMade' ? [e.data] : []));
  const ended = step.flatMap((e) => (e.type === 'AppointmentEnded' ? [e.data] : []));
  const assigned = step.flatMap((e) => (e.type === 'PortfolioAssigned' ? [e.data] : []));
  const portfolioEnded = step.flatMap((e) => (e.type === 'PortfolioEnded' ? [e.data] : []));
  if (made.length > 0) {
    writes.push({
      text: `INSERT INTO reg_appointments (appointment_id, unit_code, staff_number, post, acting, effective_from, effective_to, end_reason)
       SELECT a, u, s, p, ac, f, NULL, NULL FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::date[]) AS x(a, u, s, p, ac, f)
       ON CONFLICT (appointment_id) DO UPDATE SET unit_code = excluded.unit_code, staff_number = excluded.staff_number, post = excluded.post,
         acting = excluded.acting, effective_from = excluded.effective_from, effective_to = NULL, end_reason = NULL`,
      values: [
        made.map((d) => d.appointmentId),
        made.map((d) => d.unitCode),
        made.map((d) => d.staffNumber),
        made.map((d) => d.post),
        made.map((d) => d.acting),
        made.map((d) => d.effectiveFrom),
      ],
    });
  }
  if (ended.length > 0) {
    const params = [ended.map((d) => d.appointmentId), ended.map((d) => d.effectiveTo), ended.map((d) => d.reason)];
    writes.push({
      text: `UPDATE reg_appointments a SET effective_to = x.t, end_reason = x.r
         FROM unnest($1::uuid[], $2::date[], $3::text[]) AS x(id, t, r) WHERE a.appointment_id = x.id`,
      values: params,
    });
    writes.push({
      text: `UPDATE reg_portfolios p SET effective_to = x.t FROM unnest($1::uuid[], $2::date[]) AS x(id, t)
        WHERE p.appointment_id = x.id AND (p.effective_to IS NULL OR p.effective_to > x.t)`,
      values: params.slice(0, 2),
    });
  }
  if (assigned.length > 0) {
    // One row per (appointment, covered unit, from); a unit named twice in one assignment is one row.
    const rows = [
      ...new Map(
        assigned.flatMap((d) =>
          d.coveredUnitCodes.map((covered) => [`${d.appointmentId}|${covered}|${d.effectiveFrom}`, { ...d, covered }] as const),
        ),
      ).values(),
    ];
    writes.push({
      text: `INSERT INTO reg_portfolios (appointment_id, covered_unit_code, effective_from, effective_to, holder_unit_code, staff_number)
       SELECT a, c, f, NULL, h, s FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[]) AS x(a, c, f, h, s)
       ON CONFLICT (appointment_id, covered_unit_code, effective_from) DO UPDATE SET effective_to = NULL,
         holder_unit_code = excluded.holder_unit_code, staff_number = excluded.staff_number`,
      values: [
        rows.map((r) => r.appointmentId),
        rows.map((r) => r.covered),
        rows.map((r) => r.effectiveFrom),
        rows.map((r) => r.unitCode),
        rows.map((r) => r.staffNumber),
      ],
    });
  }
  if (portfolioEnded.length > 0) {
    writes.push({
      text: `UPDATE reg_portfolios p SET effective_to = x.t FROM unnest($1::uuid[], $2::date[]) AS x(id, t)
        WHERE p.appointment_id = x.id AND p.effective_to IS NULL`,
      values: [portfolioEnded.map((d) => d.appointmentId), portfolioEnded.map((d) => d.effectiveTo)],
    });
  }
  return writes;
}
