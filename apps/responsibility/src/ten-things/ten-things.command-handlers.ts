import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chinaDay } from '@app/domain';
import { BusCommand, idFromKey, type CommandContext, type CommandResponse } from '@app/kit';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';
import { EvidenceStore } from '../evidence/evidence.store';
import { ResponsibilityActors } from '../responsibility-actors';
import { TenThingsAggregate } from './ten-things.aggregate';
import type { LedgerEntryInput } from './ten-things.commands';

/**
 * The ten-things use cases on the bus. Each resolves the caller's roles in the unit on the command's
 * day (CST); ledger lines have their evidence checked against what was uploaded.
 */

interface ProjectKey {
  readonly unitCode: string;
  readonly year: number;
  readonly number: number;
}
type EntryInput = ProjectKey & Omit<LedgerEntryInput, 'entryId'>;
type EntryResponse = CommandResponse & { entryId: string };

export class OpenTenThingsProjectCommand extends BusCommand<ProjectKey> {}
export class CompleteTenThingsProjectCommand extends BusCommand<ProjectKey> {}
export class RecordLedgerEntryCommand extends BusCommand<EntryInput, EntryResponse> {}
export class CorrectLedgerEntryCommand extends BusCommand<
  EntryInput & { readonly supersedes: string; readonly reason: string },
  EntryResponse
> {}

/** The caller's roles in the project's unit today, and the ledger's evidence as uploaded. */
@Injectable()
export class TenThingsFacts {
  constructor(
    private readonly actors: ResponsibilityActors,
    private readonly evidence: EvidenceStore,
  ) {}

  actor(unitCode: string, context: CommandContext): Promise<ResponsibilityActor> {
    return this.actors.actorOf(context.principal, unitCode, chinaDay(context.now));
  }

  async entry<D extends EntryInput>(data: D, context: CommandContext) {
    const [actor] = await Promise.all([this.actor(data.unitCode, context), this.evidence.requireAll(data.attachments ?? [])]);
    const scope = `ten-things-entry:${data.unitCode}:${data.year}:${data.number}`;
    const entryId = context.idempotencyKey ? idFromKey(scope, context.idempotencyKey) : randomUUID();
    return { ...data, entryId, actor };
  }
}

@CommandHandler(OpenTenThingsProjectCommand)
export class OpenTenThingsProjectHandler implements ICommandHandler<OpenTenThingsProjectCommand> {
  constructor(
    private readonly projects: TenThingsAggregate,
    private readonly facts: TenThingsFacts,
  ) {}

  async execute({ data, context }: OpenTenThingsProjectCommand) {
    const actor = await this.facts.actor(data.unitCode, context);
    return this.projects.send({ type: 'OpenTenThingsProject', data: { ...data, actor } }, context);
  }
}

@CommandHandler(CompleteTenThingsProjectCommand)
export class CompleteTenThingsProjectHandler implements ICommandHandler<CompleteTenThingsProjectCommand> {
  constructor(
    private readonly projects: TenThingsAggregate,
    private readonly facts: TenThingsFacts,
  ) {}

  async execute({ data, context }: CompleteTenThingsProjectCommand) {
    const actor = await this.facts.actor(data.unitCode, context);
    return this.projects.send({ type: 'CompleteTenThingsProject', data: { ...data, actor } }, context);
  }
}

@CommandHandler(RecordLedgerEntryCommand)
export class RecordLedgerEntryHandler implements ICommandHandler<RecordLedgerEntryCommand> {
  constructor(
    private readonly projects: TenThingsAggregate,
    private readonly facts: TenThingsFacts,
  ) {}

  async execute({ data, context }: RecordLedgerEntryCommand): Promise<EntryResponse> {
    const command = await this.facts.entry(data, context);
    const result = await this.projects.send({ type: 'RecordLedgerEntry', data: command }, context);
    return { ...result, entryId: command.entryId };
  }
}

@CommandHandler(CorrectLedgerEntryCommand)
export class CorrectLedgerEntryHandler implements ICommandHandler<CorrectLedgerEntryCommand> {
  constructor(
    private readonly projects: TenThingsAggregate,
    private readonly facts: TenThingsFacts,
  ) {}

  async execute({ data, context }: CorrectLedgerEntryCommand): Promise<EntryResponse> {
    const command = await this.facts.entry(data, context);
    const result = await this.projects.send({ type: 'CorrectLedgerEntry', data: command }, context);
    return { ...result, entryId: command.entryId };
  }
}
