import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import { EventStore } from '@app/eventstore';
import { commandContext } from '@app/kit';
import { currentCorrelationId, HttpProblem, PLATFORM_LOGGER, withCorrelationId, type Logger, type Principal } from '@app/platform';
import type { PersonState } from '../people/person.decider';
import { PersonRow } from '../read-models/read-model.entities';
import { RegistryQueries } from '../read-models/registry.queries';
import { detectFormat, parseImportFile, type ParsedFile } from './import-file.parser';
import { busCommandOf, IMPORT_KEY_SCOPE } from './import-commands';
import { ImportJobRow } from './import-job.entity';
import { candidateKeys, planImport, type PlannedStep } from './import-plan';
import type { ImportIssue, SheetName } from './import-sheets';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Streams written at the same time while applying. */
const APPLY_CONCURRENCY = 4;
const PROGRESS_INTERVAL_MS = 250;
const MAX_REPORTED_ERRORS = 5_000;

export interface UploadedImportFile {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

/** Thrown inside a job when the service is shutting down: the job stays where it is and resumes on boot. */
class Paused extends Error {}

/**
 * Import jobs, one at a time: validate the whole file against the registry (nothing written if a
 * row fails), then apply it step by step through the command path with each row's idempotency
 * key. Jobs are kept in reg_import_jobs; those left validating or applying resume on boot.
 */
@Injectable()
export class ImportService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly queue: string[] = [];
  private running?: Promise<void>;
  private paused = false;

  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly queries: RegistryQueries,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.resumeUnfinished().catch((error: unknown) => this.logger.error({ err: error }, 'import jobs could not be resumed'));
  }

  onModuleDestroy(): Promise<void> {
    return this.pause();
  }

  /** Stops after the step in progress; unfinished jobs stay as they are until resumed. */
  async pause(): Promise<void> {
    this.paused = true;
    await this.running;
  }

  /** Queues every job left validating or applying (after a restart or a pause). */
  async resumeUnfinished(): Promise<void> {
    this.paused = false;
    const unfinished = await this.jobs().find({
      where: { status: In(['validating', 'applying']) },
      select: { id: true },
      order: { createdAt: 'ASC' },
    });
    for (const { id } of unfinished) if (!this.queue.includes(id)) this.queue.push(id);
    this.kick();
  }

  async submit(file: UploadedImportFile | undefined, sheet: SheetName | undefined, principal: Principal): Promise<ImportJobRow> {
    if (!file)
      throw new HttpProblem({
        status: 400,
        code: 'IMPORT.FILE_REQUIRED',
        detail: 'Send the file as multipart/form-data in the field file.',
      });
    if (file.size === 0) throw new HttpProblem({ status: 400, code: 'IMPORT.EMPTY_FILE', detail: 'The file is empty.' });
    const format = detectFormat(file.buffer);
    if (format === 'xls') {
      throw new HttpProblem({
        status: 415,
        code: 'IMPORT.UNSUPPORTED_FORMAT',
        detail: 'Legacy .xls files are not read; save the workbook as .xlsx (or each sheet as CSV UTF-8).',
      });
    }
    if (format === 'csv' && !sheet) {
      throw new HttpProblem({
        status: 400,
        code: 'IMPORT.SHEET_REQUIRED',
        detail: 'A CSV file holds one sheet: say which with ?sheet=units, people or appointments.',
      });
    }
    const now = new Date();
    const job: ImportJobRow = {
      id: randomUUID(),
      status: 'validating',
      fileName: file.originalname || 'upload',
      fileSha256: createHash('sha256').update(file.buffer).digest('hex'),
      format,
      csvSheet: format === 'csv' ? sheet! : null,
      file: file.buffer,
      sheets: [],
      total: 0,
      validated: 0,
      applied: 0,
      unchanged: 0,
      errors: [],
      plan: null,
      requestedBy: principal.personId,
      correlationId: currentCorrelationId() ?? randomUUID(),
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    await this.jobs().insert(job);
    this.queue.push(job.id);
    this.kick();
    return job;
  }

  async job(id: string): Promise<ImportJobRow> {
    const job = /^[0-9a-f-]{36}$/i.test(id) ? await this.jobs().findOne({ where: { id }, select: VIEW_COLUMNS }) : null;
    if (!job) throw new DomainError('IMPORT.NOT_FOUND', `No import ${id}.`, 'not_found');
    return job;
  }

  async recent(limit = 20): Promise<ImportJobRow[]> {
    return this.jobs().find({ select: { ...VIEW_COLUMNS, errors: false }, order: { createdAt: 'DESC' }, take: limit });
  }

  private kick(): void {
    if (this.running || this.paused || this.queue.length === 0) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined; id = this.paused ? undefined : this.queue.shift()) {
      await this.process(id).catch((error: unknown) =>
        this.logger.error({ err: error, importId: id }, 'import job could not be processed'),
      );
    }
  }

  private async process(id: string): Promise<void> {
    const job = await this.jobs().findOneBy({ id });
    if (!job || (job.status !== 'validating' && job.status !== 'applying')) return;
    await withCorrelationId(job.correlationId, async () => {
      try {
        const validated = job.status === 'validating' ? await this.validate(job) : job;
        if (validated.status === 'applying') await this.apply(validated);
      } catch (error) {
        if (error instanceof Paused) return;
        this.logger.error({ err: error, importId: id }, 'import failed');
        await this.finish(id, 'failed', {
          errors: [
            {
              code: 'IMPORT.FAILED',
              message: 'The import stopped on an unexpected error; import the file again (rows already applied will count as unchanged).',
            },
          ],
        });
      }
    });
  }

  private async validate(job: ImportJobRow): Promise<ImportJobRow> {
    const parsed = await parseImportFile(job.file!, { format: job.format, sheet: job.csvSheet ?? undefined });
    await this.update(job.id, { sheets: [...parsed.sheets], total: parsed.total });
    const plan = planImport({ ...parsed.rows, unreadable: parsed.unreadable }, await this.context(parsed, job));
    const errors = [...parsed.errors, ...plan.errors].sort(byPlace);
    const counts = { validated: parsed.total, unchanged: plan.unchangedRows, applied: 0, file: null };
    if (errors.length > 0) {
      await this.finish(job.id, 'rejected', { ...counts, unchanged: 0, errors: capped(errors) });
      this.logger.info({ importId: job.id, errors: errors.length }, 'import rejected');
      return { ...job, status: 'rejected' };
    }
    if (plan.steps.length === 0) {
      await this.finish(job.id, 'completed', counts);
      return { ...job, status: 'completed' };
    }
    const plannedSteps = [...plan.steps];
    await this.update(job.id, { ...counts, status: 'applying', plan: plannedSteps });
    return { ...job, ...counts, status: 'applying', plan: plannedSteps };
  }

  /**
   * Runs the plan phase by phase; within a phase, streams in parallel and each stream's steps in
   * order. A step applied before (by this job before a restart) is recognised by its key and
   * counted as applied, so a resumed job finishes without writing anything twice.
   */
  private async apply(job: ImportJobRow): Promise<void> {
    const steps = job.plan ?? [];
    const remaining = new Map<string, number>();
    for (const step of steps) remaining.set(placeOf(step), (remaining.get(placeOf(step)) ?? 0) + 1);
    let applied = 0;
    let reported = -1;
    let reporting = Promise.resolve();
    const report = () =>
      (reporting = reporting.then(async () => {
        if (applied !== reported) await this.update(job.id, { applied: (reported = applied) }).catch(() => undefined);
      }));
    const timer = setInterval(() => void report(), PROGRESS_INTERVAL_MS);
    const stopReporting = () => {
      clearInterval(timer);
      return reporting;
    };
    try {
      for (const phase of [...new Set(steps.map((s) => s.phase))].sort((a, b) => a - b)) {
        const streams = groupByStream(steps.filter((s) => s.phase === phase));
        await inParallel(streams, APPLY_CONCURRENCY, async (streamSteps) => {
          for (const step of streamSteps) {
            if (this.paused) throw new Paused();
            await this.execute(job, step);
            const left = remaining.get(placeOf(step))! - 1;
            remaining.set(placeOf(step), left);
            if (left === 0) applied++;
          }
        });
      }
    } catch (error) {
      await stopReporting();
      if (error instanceof StepFailed) {
        await this.finish(job.id, 'failed', { applied, errors: [error.issue] });
        this.logger.warn({ importId: job.id, code: error.issue.code }, 'import failed while applying');
        return;
      }
      if (error instanceof Paused) await report();
      throw error;
    }
    await stopReporting();
    await this.finish(job.id, 'completed', { applied, plan: null });
    this.logger.info({ importId: job.id, applied, unchanged: job.unchanged }, 'import completed');
  }

  /**
   * One step on the command bus, as the HTTP edge sends it (same handlers, same checks), acting as
   * the requester with the row's idempotency key in the import's own key scope.
   */
  private async execute(job: ImportJobRow, step: PlannedStep): Promise<void> {
    const principal: Principal = { personId: job.requestedBy, roles: ['registry_admin'], units: [] };
    const context = commandContext(principal, {
      idempotencyKey: step.key,
      idempotencyScope: IMPORT_KEY_SCOPE,
      correlationId: job.correlationId,
      causationId: job.id,
    });
    try {
      await this.commands.execute(busCommandOf(step.command, context));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new StepFailed({
        sheet: step.sheet,
        row: step.row,
        code: error.code,
        message: `${error.message} (the registry changed after the file was validated; rows before this one were applied: fix the row and import the file again)`,
      });
    }
  }

  private async context(parsed: ParsedFile, job: ImportJobRow) {
    const staffNumbers = [
      ...new Set([...parsed.rows.people.map((r) => r.values.staffNumber), ...parsed.rows.appointments.map((r) => r.values.staffNumber)]),
    ];
    const people = new Map<string, PersonState>();
    for (const chunk of chunks(staffNumbers, 1_000)) {
      for (const row of await this.dataSource.manager.find(PersonRow, {
        where: { staffNumber: In(chunk) },
        select: { staffNumber: true, state: true },
      })) {
        people.set(row.staffNumber, row.state);
      }
    }
    return {
      units: await this.queries.unitStates(),
      people,
      appliedKeys: await this.appliedKeys(candidateKeys(parsed.rows)),
      now: new Date(),
      actor: { personId: job.requestedBy },
    };
  }

  /**
   * Which of these idempotency keys belong to commands already appended. Read in bulk from the
   * store's idempotency table (a row with an empty result is a command in flight, not applied).
   */
  private async appliedKeys(keys: readonly string[]): Promise<Set<string>> {
    const applied = new Set<string>();
    for (const chunk of chunks([...new Set(keys)], 5_000)) {
      const scoped = chunk.map((key) => `${IMPORT_KEY_SCOPE}:${key}`);
      for (const key of await this.store.usedIdempotencyKeys(scoped)) applied.add(key.slice(IMPORT_KEY_SCOPE.length + 1));
    }
    return applied;
  }

  private async finish(id: string, status: 'rejected' | 'completed' | 'failed', changes: Partial<ImportJobRow>): Promise<void> {
    const now = new Date();
    await this.update(id, { ...changes, status, file: null, plan: null, finishedAt: now });
  }

  private async update(id: string, changes: Partial<ImportJobRow>): Promise<void> {
    await this.jobs().update({ id }, { ...changes, updatedAt: new Date() });
  }

  private jobs() {
    return this.dataSource.getRepository(ImportJobRow);
  }
}

const VIEW_COLUMNS = {
  id: true,
  status: true,
  fileName: true,
  format: true,
  csvSheet: true,
  sheets: true,
  total: true,
  validated: true,
  applied: true,
  unchanged: true,
  errors: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
} as const;

class StepFailed extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
  }
}

function placeOf(step: Pick<PlannedStep, 'sheet' | 'row'>): string {
  return `${step.sheet}:${step.row}`;
}

function groupByStream(steps: readonly PlannedStep[]): PlannedStep[][] {
  const streams = new Map<string, PlannedStep[]>();
  for (const step of steps) streams.set(step.streamId, [...(streams.get(step.streamId) ?? []), step]);
  return [...streams.values()];
}

/** Runs `work` over the items, at most `limit` at a time; the first failure stops new work and is thrown. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

const SHEET_ORDER: readonly (SheetName | undefined)[] = [undefined, 'units', 'people', 'appointments'];

function byPlace(a: ImportIssue, b: ImportIssue): number {
  return SHEET_ORDER.indexOf(a.sheet) - SHEET_ORDER.indexOf(b.sheet) || (a.row ?? 0) - (b.row ?? 0);
}

function capped(errors: readonly ImportIssue[]): ImportIssue[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return [...errors];
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    {
      code: 'IMPORT.TOO_MANY_ERRORS',
      message: `${errors.length - MAX_REPORTED_ERRORS} more errors are not listed; fix these and import again.`,
    },
  ];
}
