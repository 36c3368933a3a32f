import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import { BusCommand, forwardingHandler, idFromKey, type CommandResponse } from '@app/kit';
import { RegistryQueries } from '../read-models/registry.queries';
import { ancestryFromDayOn, requireLiveOn, requireWithinRemit } from './unit-directory';
import { UnitAggregate } from './unit.aggregate';
import type * as Unit from './unit.commands';

/**
 * The Unit use cases on the command bus. Each handler reads what its rule needs from other streams
 * (through the read models), then sends the decider command down the one command path. HTTP, the
 * bulk import and any process manager send these same commands, so every edge gets the same checks.
 */

export class RegisterUnitCommand extends BusCommand<Unit.RegisterUnit['data']> {}

@CommandHandler(RegisterUnitCommand)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnitCommand> {
  constructor(
    private readonly units: UnitAggregate,
    private readonly queries: RegistryQueries,
  ) {}

  async execute({ data, context }: RegisterUnitCommand): Promise<CommandResponse> {
    if (data.parentCode) {
      const lookup = await this.queries.unitLookup([data.parentCode]);
      requireLiveOn(lookup, data.parentCode, data.effectiveFrom, 'UNIT.PARENT');
    }
    return this.units.send({ type: 'RegisterUnit', data }, context);
  }
}

export class RenameUnitCommand extends BusCommand<Unit.RenameUnit['data']> {}

export const RenameUnitHandler = forwardingHandler(RenameUnitCommand, UnitAggregate, 'RenameUnit');

export class MoveUnitCommand extends BusCommand<Omit<Unit.MoveUnit['data'], 'newParentAncestry'>> {}

@CommandHandler(MoveUnitCommand)
export class MoveUnitHandler implements ICommandHandler<MoveUnitCommand> {
  constructor(
    private readonly units: UnitAggregate,
    private readonly queries: RegistryQueries,
  ) {}

  async execute({ data, context }: MoveUnitCommand): Promise<CommandResponse> {
    const lookup = await this.queries.unitLookup([data.newParentCode]);
    requireLiveOn(lookup, data.newParentCode, data.effectiveFrom, 'UNIT.PARENT');
    await this.units.assertMayManage(context.principal, data.newParentCode, context.now);
    const newParentAncestry = ancestryFromDayOn(lookup, data.newParentCode, data.effectiveFrom);
    return this.units.send({ type: 'MoveUnit', data: { ...data, newParentAncestry } }, context);
  }
}

export class DissolveUnitCommand extends BusCommand<Unit.DissolveUnit['data']> {}

@CommandHandler(DissolveUnitCommand)
export class DissolveUnitHandler implements ICommandHandler<DissolveUnitCommand> {
  constructor(
    private readonly units: UnitAggregate,
    private readonly queries: RegistryQueries,
  ) {}

  async execute({ data, context }: DissolveUnitCommand): Promise<CommandResponse> {
    const children = await this.queries.childrenOn(data.unitCode, data.effectiveFrom);
    if (children.length > 0) {
      throw new DomainError(
        'UNIT.HAS_ACTIVE_CHILDREN',
        `Unit ${data.unitCode} still has units under it on ${data.effectiveFrom}: ${children.join(', ')}. Move or dissolve them first.`,
        'conflict',
      );
    }
    return this.units.send({ type: 'DissolveUnit', data }, context);
  }
}

export class PairUnitCommand extends BusCommand<Omit<Unit.PairUnit['data'], 'counterpartKind'>> {}

@CommandHandler(PairUnitCommand)
export class PairUnitHandler implements ICommandHandler<PairUnitCommand> {
  constructor(
    private readonly units: UnitAggregate,
    private readonly queries: RegistryQueries,
  ) {}

  async execute({ data, context }: PairUnitCommand): Promise<CommandResponse> {
    const lookup = await this.queries.unitLookup([data.counterpartCode]);
    const counterpart = requireLiveOn(lookup, data.counterpartCode, data.effectiveFrom, 'PAIRING.SUPERVISOR');
    return this.units.send({ type: 'PairUnit', data: { ...data, counterpartKind: counterpart.kind } }, context);
  }
}

export class EndUnitPairingCommand extends BusCommand<Unit.EndUnitPairing['data']> {}

export const EndUnitPairingHandler = forwardingHandler(EndUnitPairingCommand, UnitAggregate, 'EndUnitPairing');

export type AppointmentResponse = CommandResponse & { readonly appointmentId: string };

/** `appointmentId` when the caller already knows it (the import); otherwise derived from the Idempotency-Key, or new. */
export class MakeAppointmentCommand extends BusCommand<
  Omit<Unit.MakeAppointment['data'], 'appointmentId'> & { readonly appointmentId?: string },
  AppointmentResponse
> {}

@CommandHandler(MakeAppointmentCommand)
export class MakeAppointmentHandler implements ICommandHandler<MakeAppointmentCommand> {
  constructor(
    private readonly units: UnitAggregate,
    private readonly queries: RegistryQueries,
  ) {}

  async execute({ data, context }: MakeAppointmentCommand): Promise<AppointmentResponse> {
    if (!(await this.queries.person(data.staffNumber))) {
      throw new DomainError('PERSON.NOT_FOUND', `No person with staff number ${data.staffNumber}.`, 'not_found');
    }
    const appointmentId = data.appointmentId ?? (context.idempotencyKey ? idFromKey(data.unitCode, context.idempotencyKey) : randomUUID());
    const result = await this.units.send({ type: 'MakeAppointment', data: { ...data, appointmentId } }, context);
    return { ...result, appointmentId };
  }
}

export class EndAppointmentCommand extends BusCommand<Unit.EndAppointment['data']> {}

export const EndAppointmentHandler = forwardingHandler(EndAppointmentCommand, UnitAggregate, 'EndAppointment');

export class AssignPortfolioCommand extends BusCommand<Unit.AssignPortfolio['data']> {}

@CommandHandler(AssignPortfolioCommand)
export class AssignPortfolioHandler implements ICommandHandler<AssignPortfolioCommand> {
  constructor(
    private readonly units: UnitAggregate,
    private readonly queries: RegistryQueries,
  ) {}

  async execute({ data, context }: AssignPortfolioCommand): Promise<CommandResponse> {
    const lookup = await this.queries.unitLookup([data.unitCode, ...data.coveredUnitCodes]);
    for (const covered of data.coveredUnitCodes) {
      if (!lookup(covered)) throw new DomainError('UNIT.COVERED_NOT_FOUND', `No unit with code ${covered}.`, 'not_found');
    }
    requireWithinRemit(lookup, data.unitCode, data.coveredUnitCodes, data.effectiveFrom);
    return this.units.send({ type: 'AssignPortfolio', data }, context);
  }
}

export class EndPortfolioCommand extends BusCommand<Unit.EndPortfolio['data']> {}

export const EndPortfolioHandler = forwardingHandler(EndPortfolioCommand, UnitAggregate, 'EndPortfolio');

export const UNIT_COMMAND_HANDLERS = [
  RegisterUnitHandler,
  RenameUnitHandler,
  MoveUnitHandler,
  DissolveUnitHandler,
  PairUnitHandler,
  EndUnitPairingHandler,
  MakeAppointmentHandler,
  EndAppointmentHandler,
  AssignPortfolioHandler,
  EndPortfolioHandler,
];
