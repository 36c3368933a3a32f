import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RULE_NAMES } from '@app/deadlines';
import { chinaDay, DomainError } from '@app/domain';
import { EventStore } from '@app/eventstore';
import { BusCommand, idFromKey, type CommandResponse } from '@app/kit';
import { HttpProblem } from '@app/platform';
import { petitionStreamId, type PetitionScreeningDecision } from './petition.commands';
import type { PetitionProtectedReadDenied, PetitionRegistered, ProtectedReadDenial } from './petition.events';
import { PetitionAggregate } from './petition.aggregate';
import { PetitionFacts } from './petition-facts';
import { PetitionKeyring, PetitionKeyUnavailable, petitionFieldAad, type ProtectedField, type SealedField } from './petition-keyring';
import { PetitionReads } from './petition.reads';

/**
 * The petition use cases on the bus. Protected values (reporter, contact, content) are sealed here,
 * before anything is decided, hashed or stored; they are opened only for a read the decider granted
 * and recorded.
 */

interface RegisterInput {
  readonly receivingCommission: string;
  readonly channel: string;
  readonly named: boolean;
  readonly reporterName?: string;
  readonly reporterContact?: string;
  readonly content: string;
  readonly reportedPersons: readonly string[];
  readonly reportedUnits: readonly string[];
  readonly receivedOn: string;
}
export class RegisterPetitionCommand extends BusCommand<RegisterInput, CommandResponse & { petitionId: string }> {}
export class AssignPetitionOfficersCommand extends BusCommand<{ readonly petitionId: string; readonly officers: readonly string[] }> {}

export interface ScreeningInput {
  readonly petitionId: string;
  readonly outcome: PetitionScreeningDecision['outcome'];
  readonly to?: string;
  readonly reason?: string;
  readonly repeatOf?: string;
}
export class ScreenPetitionCommand extends BusCommand<ScreeningInput> {}
export class NotifyReporterCommand extends BusCommand<{ readonly petitionId: string; readonly notice: string; readonly sentOn: string }> {}
export class ConcludePetitionCommand extends BusCommand<{ readonly petitionId: string; readonly result: string }> {}
export class MarkPetitionDeadlinesMissedCommand extends BusCommand<{ readonly petitionId: string }> {}

export interface ProtectedFields {
  readonly petitionId: string;
  readonly number: string;
  readonly named: boolean;
  readonly reporter?: { readonly name: string; readonly contact: string };
  readonly content: string;
  /** The version of the stream with this read recorded. */
  readonly version: number;
}
export class ReadProtectedFieldsCommand extends BusCommand<{ readonly petitionId: string; readonly reason: string }, ProtectedFields> {}

const DENIALS: Readonly<Record<ProtectedReadDenial, { code: string; detail: string; kind: 'forbidden' | 'conflict' }>> = {
  not_assigned: {
    code: 'PETITION.NOT_ASSIGNED',
    detail:
      'Only the officers assigned to this petition and the approving secretary read its reporter and content; the attempt was recorded.',
    kind: 'forbidden',
  },
  named_in_petition: {
    code: 'PETITION.READER_REPORTED_ON',
    detail: 'A person the petition reports on never reads it; the attempt was recorded.',
    kind: 'forbidden',
  },
  forwarded: {
    code: 'PETITION.FORWARDED',
    detail: 'The petition was forwarded to the higher commission; only its stub is kept here. The attempt was recorded.',
    kind: 'conflict',
  },
};

/** Seals and opens a petition's protected values under the configured keys. */
@Injectable()
export class PetitionSeals {
  constructor(
    private readonly keyring: PetitionKeyring,
    private readonly store: EventStore,
  ) {}

  /**
   * The values sealed for the petition. A retry of the same registration (same Idempotency-Key,
   * hence the same petition id) reuses the earlier ciphertexts where the values are the same, so
   * that the command is recognised as the same request; a different value is sealed anew and the
   * retry is refused as a reused key.
   */
  async seal(petitionId: string, values: Partial<Record<ProtectedField, string>>): Promise<Partial<Record<ProtectedField, SealedField>>> {
    const earlier = await this.registration(petitionId);
    const before: Partial<Record<ProtectedField, SealedField>> = {
      reporterName: earlier?.data.reporter?.name,
      reporterContact: earlier?.data.reporter?.contact,
      content: earlier?.data.content,
    };
    const sealed: Partial<Record<ProtectedField, SealedField>> = {};
    for (const [field, value] of Object.entries(values) as [ProtectedField, string | undefined][]) {
      if (value === undefined) continue;
      const aad = petitionFieldAad(petitionId, field);
      const previous = before[field];
      sealed[field] = previous && this.opensTo(previous, aad, value) ? previous : this.keyring.seal(value, aad);
    }
    return sealed;
  }

  async open(petitionId: string): Promise<Omit<ProtectedFields, 'version'>> {
    const registered = await this.registration(petitionId);
    if (!registered) throw new DomainError('PETITION.NOT_FOUND', `No petition ${petitionId}.`, 'not_found');
    const { data } = registered;
    // A forward destroyed the petition's own data key: the values read back as null.
    if (data.content === null)
      throw new DomainError('PETITION.FORWARDED', 'Only the stub of a forwarded petition is kept here.', 'conflict');
    const open = (field: ProtectedField, sealed: SealedField) => {
      try {
        return this.keyring.open(sealed, petitionFieldAad(data.petitionId, field));
      } catch (error) {
        if (!(error instanceof PetitionKeyUnavailable)) throw error;
        throw new HttpProblem({ status: 500, code: 'PETITION.KEY_UNAVAILABLE', detail: error.message });
      }
    };
    return {
      petitionId: data.petitionId,
      number: data.number,
      named: data.named,
      ...(data.reporter
        ? { reporter: { name: open('reporterName', data.reporter.name), contact: open('reporterContact', data.reporter.contact) } }
        : {}),
      content: open('content', data.content),
    };
  }

  private async registration(petitionId: string): Promise<PetitionRegistered | undefined> {
    const [first] = await this.store.readStream(petitionStreamId(petitionId), { toVersion: 1 });
    return first?.type === 'PetitionRegistered' ? (first as unknown as PetitionRegistered) : undefined;
  }

  private opensTo(sealed: SealedField, aad: string, value: string): boolean {
    try {
      return this.keyring.open(sealed, aad) === value;
    } catch {
      return false;
    }
  }
}

@CommandHandler(RegisterPetitionCommand)
export class RegisterPetitionHandler implements ICommandHandler<RegisterPetitionCommand> {
  constructor(
    private readonly petitions: PetitionAggregate,
    private readonly facts: PetitionFacts,
    private readonly seals: PetitionSeals,
  ) {}

  async execute({ data, context }: RegisterPetitionCommand) {
    const { receivingCommission: commissionCode, receivedOn } = data;
    const commission = await this.facts.commissionOn(commissionCode, receivedOn, 'receivingCommission');
    await this.facts.requireUnitsOn(data.reportedUnits, receivedOn);
    await this.facts.requirePersons(data.reportedPersons, receivedOn);
    const [actor, commissionLeaders] = await Promise.all([
      this.facts.actorOf(context.principal, commissionCode, chinaDay(context.now)),
      this.facts.leadersOf(commissionCode, receivedOn),
    ]);
    const acceptanceNoticeRule = this.facts.ruleFor(RULE_NAMES.reporterAcceptanceNotice, commission.jurisdictionCode, receivedOn);
    const forwardRule = this.facts.ruleFor(RULE_NAMES.petitionForward, commission.jurisdictionCode, receivedOn);
    const petitionId = context.idempotencyKey ? idFromKey(`petition:${commissionCode}`, context.idempotencyKey) : randomUUID();
    // Sealed whenever given: an anonymous petition with a reporter is refused by the decider, never stored.
    const sealed = await this.seals.seal(petitionId, {
      reporterName: data.reporterName,
      reporterContact: data.reporterContact,
      content: data.content,
    });
    const reporter =
      sealed.reporterName && sealed.reporterContact ? { name: sealed.reporterName, contact: sealed.reporterContact } : undefined;
    const command = {
      petitionId,
      receivingCommission: commissionCode,
      channel: data.channel,
      named: data.named,
      ...(reporter ? { reporter } : {}),
      content: sealed.content!,
      reportedPersons: data.reportedPersons,
      reportedUnits: data.reportedUnits,
      receivedOn,
      commissionLeaders,
      acceptanceNoticeRule,
      forwardRule,
      actor,
    };
    const result = await this.petitions.send({ type: 'RegisterPetition', data: command }, context, commissionCode);
    return { ...result, petitionId };
  }
}

@CommandHandler(AssignPetitionOfficersCommand)
export class AssignPetitionOfficersHandler implements ICommandHandler<AssignPetitionOfficersCommand> {
  constructor(
    private readonly petitions: PetitionAggregate,
    private readonly facts: PetitionFacts,
    private readonly reads: PetitionReads,
  ) {}

  async execute({ data, context }: AssignPetitionOfficersCommand) {
    const today = chinaDay(context.now);
    const petition = await this.reads.require(data.petitionId);
    const actor = await this.facts.actorOf(context.principal, petition.receivingCommission, today);
    if (actor.roles.includes('petition_office')) await this.facts.requirePersons(data.officers, today);
    return this.petitions.send({ type: 'AssignPetitionOfficers', data: { ...data, actor } }, context, petition.receivingCommission);
  }
}

@CommandHandler(ScreenPetitionCommand)
export class ScreenPetitionHandler implements ICommandHandler<ScreenPetitionCommand> {
  constructor(
    private readonly petitions: PetitionAggregate,
    private readonly facts: PetitionFacts,
    private readonly reads: PetitionReads,
  ) {}

  async execute({ data, context }: ScreenPetitionCommand) {
    const today = chinaDay(context.now);
    const petition = await this.reads.require(data.petitionId);
    const commissionCode = petition.receivingCommission;
    const actor = await this.facts.actorOf(context.principal, commissionCode, today);
    const decision = actor.roles.includes('petition_office')
      ? await this.decision(data, commissionCode, petition.receivedOn, today)
      : { outcome: 'accepted' as const };
    return this.petitions.send({ type: 'ScreenPetition', data: { petitionId: data.petitionId, decision, actor } }, context, commissionCode);
  }

  /** The registry facts and the rule each outcome is judged by. */
  private async decision(
    data: ScreeningInput,
    commissionCode: string,
    receivedOn: string,
    today: string,
  ): Promise<PetitionScreeningDecision> {
    switch (data.outcome) {
      case 'forwarded': {
        const commission = await this.facts.commissionOn(commissionCode, receivedOn, 'receivingCommission');
        return {
          outcome: 'forwarded',
          higherCommission: await this.facts.higherCommissionOf(commissionCode, today),
          forwardRule: this.facts.ruleFor(RULE_NAMES.petitionForward, commission.jurisdictionCode, receivedOn),
        };
      }
      case 'transferred': {
        const to = data.to ?? '';
        const isCommission = to !== '' && (await this.facts.isCommissionOn(to, today));
        return { outcome: 'transferred', to, higherOfTarget: isCommission ? await this.facts.higherCommissionOf(to, today) : null };
      }
      case 'repeat': {
        const repeatOf = data.repeatOf ?? '';
        const earlier = repeatOf === '' ? undefined : await this.reads.find(repeatOf);
        return { outcome: 'repeat', repeatOf, earlierCommission: earlier?.receivingCommission ?? null };
      }
      case 'not_accepted':
        return { outcome: 'not_accepted', reason: data.reason ?? '' };
      case 'accepted':
        return { outcome: 'accepted' };
    }
  }
}

@CommandHandler(NotifyReporterCommand)
export class NotifyReporterHandler implements ICommandHandler<NotifyReporterCommand> {
  constructor(
    private readonly petitions: PetitionAggregate,
    private readonly facts: PetitionFacts,
    private readonly reads: PetitionReads,
  ) {}

  async execute({ data, context }: NotifyReporterCommand) {
    const petition = await this.reads.require(data.petitionId);
    const actor = await this.facts.actorOf(context.principal, petition.receivingCommission, chinaDay(context.now));
    return this.petitions.send({ type: 'NotifyReporter', data: { ...data, actor } }, context, petition.receivingCommission);
  }
}

@CommandHandler(ConcludePetitionCommand)
export class ConcludePetitionHandler implements ICommandHandler<ConcludePetitionCommand> {
  constructor(
    private readonly petitions: PetitionAggregate,
    private readonly facts: PetitionFacts,
    private readonly reads: PetitionReads,
  ) {}

  async execute({ data, context }: ConcludePetitionCommand) {
    const today = chinaDay(context.now);
    const petition = await this.reads.require(data.petitionId);
    const commissionCode = petition.receivingCommission;
    const actor = await this.facts.actorOf(context.principal, commissionCode, today);
    const commission = await this.facts.commissionOn(commissionCode, today, 'receivingCommission');
    const resultNoticeRule = this.facts.ruleFor(RULE_NAMES.reporterResultNotice, commission.jurisdictionCode, today);
    return this.petitions.send({ type: 'ConcludePetition', data: { ...data, resultNoticeRule, actor } }, context, commissionCode);
  }
}

/** The deadline scheduler's command; never on a route. */
@CommandHandler(MarkPetitionDeadlinesMissedCommand)
export class MarkPetitionDeadlinesMissedHandler implements ICommandHandler<MarkPetitionDeadlinesMissedCommand> {
  constructor(
    private readonly petitions: PetitionAggregate,
    private readonly reads: PetitionReads,
  ) {}

  async execute({ data, context }: MarkPetitionDeadlinesMissedCommand) {
    const petition = await this.reads.require(data.petitionId);
    return this.petitions.send({ type: 'MarkPetitionDeadlinesMissed', data }, context, petition.receivingCommission);
  }
}

/** A read of the protected fields: recorded first, granted or refused by the decider, then answered. */
@CommandHandler(ReadProtectedFieldsCommand)
export class ReadProtectedFieldsHandler implements ICommandHandler<ReadProtectedFieldsCommand> {
  constructor(
    private readonly petitions: PetitionAggregate,
    private readonly facts: PetitionFacts,
    private readonly reads: PetitionReads,
    private readonly seals: PetitionSeals,
    private readonly store: EventStore,
  ) {}

  async execute({ data, context }: ReadProtectedFieldsCommand): Promise<ProtectedFields> {
    const petition = await this.reads.require(data.petitionId);
    const actor = await this.facts.actorOf(context.principal, petition.receivingCommission, chinaDay(context.now));
    const result = await this.petitions.send(
      { type: 'ReadProtectedFields', data: { ...data, actor } },
      context,
      petition.receivingCommission,
    );
    if (result.events[0] === 'PetitionProtectedReadDenied') {
      const recorded = await this.store.readStream(result.streamId, { toVersion: result.version });
      const denial = recorded.at(-1) as unknown as PetitionProtectedReadDenied;
      const { code, detail, kind } = DENIALS[denial.data.ground];
      throw new DomainError(code, detail, kind);
    }
    return { ...(await this.seals.open(data.petitionId)), version: result.version };
  }
}
