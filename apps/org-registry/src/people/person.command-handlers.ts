import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CryptoInputError, parsePublicKey, type SignatureAlgorithm } from '@app/crypto';
import { DomainError } from '@app/domain';
import { BusCommand, forwardingHandler, idFromKey, type CommandResponse } from '@app/kit';
import { RegistryQueries } from '../read-models/registry.queries';
import { PersonAggregate } from './person.aggregate';
import type * as Person from './person.commands';

/** The Person use cases on the command bus, for every edge (HTTP, the bulk import). */

export class RegisterPersonCommand extends BusCommand<Person.RegisterPerson['data']> {}
export const RegisterPersonHandler = forwardingHandler(RegisterPersonCommand, PersonAggregate, 'RegisterPerson');

export class UpdatePersonProfileCommand extends BusCommand<Person.UpdatePersonProfile['data']> {}
export const UpdatePersonProfileHandler = forwardingHandler(UpdatePersonProfileCommand, PersonAggregate, 'UpdatePersonProfile');

export type SigningKeyResponse = CommandResponse & { readonly fingerprint: string };
export class RegisterSigningKeyCommand extends BusCommand<Omit<Person.RegisterSigningKey['data'], 'fingerprint'>, SigningKeyResponse> {}

@CommandHandler(RegisterSigningKeyCommand)
export class RegisterSigningKeyHandler implements ICommandHandler<RegisterSigningKeyCommand> {
  constructor(private readonly people: PersonAggregate) {}

  async execute({ data, context }: RegisterSigningKeyCommand): Promise<SigningKeyResponse> {
    const parsed = parseKey(data.algorithm as SignatureAlgorithm, data.publicKey);
    const key = { ...data, algorithm: parsed.algorithm, publicKey: parsed.publicKey, fingerprint: parsed.fingerprint };
    const result = await this.people.send({ type: 'RegisterSigningKey', data: key }, context);
    return { ...result, fingerprint: parsed.fingerprint };
  }
}

export class RevokeSigningKeyCommand extends BusCommand<Person.RevokeSigningKey['data']> {}
export const RevokeSigningKeyHandler = forwardingHandler(RevokeSigningKeyCommand, PersonAggregate, 'RevokeSigningKey');

export type RelationResponse = CommandResponse & { readonly relationId: string };
export class DeclareRelationCommand extends BusCommand<Omit<Person.DeclareRelation['data'], 'relationId'>, RelationResponse> {}

@CommandHandler(DeclareRelationCommand)
export class DeclareRelationHandler implements ICommandHandler<DeclareRelationCommand> {
  constructor(
    private readonly people: PersonAggregate,
    private readonly queries: RegistryQueries,
  ) {}

  async execute({ data, context }: DeclareRelationCommand): Promise<RelationResponse> {
    if (!(await this.queries.unitExists(data.unitCode))) {
      throw new DomainError('UNIT.NOT_FOUND', `No unit with code ${data.unitCode}.`, 'not_found');
    }
    const relationId = context.idempotencyKey ? idFromKey(data.staffNumber, context.idempotencyKey) : randomUUID();
    const result = await this.people.send({ type: 'DeclareRelation', data: { ...data, relationId } }, context);
    return { ...result, relationId };
  }
}

export class WithdrawRelationCommand extends BusCommand<Person.WithdrawRelation['data']> {}
export const WithdrawRelationHandler = forwardingHandler(WithdrawRelationCommand, PersonAggregate, 'WithdrawRelation');

function parseKey(algorithm: SignatureAlgorithm, text: string) {
  try {
    return parsePublicKey(algorithm, text);
  } catch (error) {
    if (error instanceof CryptoInputError) throw new DomainError(error.code, error.message, 'invalid');
    throw error;
  }
}

export class ErasePersonalDataCommand extends BusCommand<Person.ErasePersonalData['data']> {}
export const ErasePersonalDataHandler = forwardingHandler(ErasePersonalDataCommand, PersonAggregate, 'ErasePersonalData');

export const PERSON_COMMAND_HANDLERS = [
  RegisterPersonHandler,
  UpdatePersonProfileHandler,
  RegisterSigningKeyHandler,
  RevokeSigningKeyHandler,
  DeclareRelationHandler,
  WithdrawRelationHandler,
  ErasePersonalDataHandler,
];
