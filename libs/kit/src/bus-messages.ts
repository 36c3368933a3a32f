import { Inject, type Type } from '@nestjs/common';
import { Command, CommandHandler, Query, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/platform';
import type { CommandContext } from './command-context';
import type { CommandResponse } from './command-path';

/** A command on the bus: the use case's data and the context it was sent in. One line per use case. */
export abstract class BusCommand<Data, Result = CommandResponse> extends Command<Result> {
  constructor(
    readonly data: Data,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A read on the bus: its parameters and the caller, whose read rules the handler applies. */
export abstract class BusQuery<Params, Result> extends Query<Result> {
  constructor(
    readonly params: Params,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** An aggregate's entry to the command path: sends a decider command (without metadata). */
export interface SendsCommands {
  send(command: { readonly type: string; readonly data: unknown }, context: CommandContext): Promise<CommandResponse>;
}

/**
 * The handler of a use case with no rule beyond its decider: it sends the bus command's data as
 * the decider command `type` through `aggregate`. Use cases that read other streams get a class.
 */
export function forwardingHandler<D>(
  command: Type<BusCommand<D>>,
  aggregate: Type<SendsCommands>,
  type: string,
): Type<ICommandHandler<BusCommand<D>>> {
  @CommandHandler(command)
  class Forwarding implements ICommandHandler<BusCommand<D>> {
    constructor(@Inject(aggregate) private readonly target: SendsCommands) {}

    execute({ data, context }: BusCommand<D>): Promise<CommandResponse> {
      return this.target.send({ type, data }, context);
    }
  }
  Object.defineProperty(Forwarding, 'name', { value: `${type}Handler` });
  return Forwarding;
}
