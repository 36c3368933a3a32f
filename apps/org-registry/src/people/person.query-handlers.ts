import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BusQuery } from '@app/kit';
import type { AppointmentRow } from '../read-models/read-model.entities';
import { RegistryQueries } from '../read-models/registry.queries';
import { ReadRules, type PersonView } from '../read-rules';
import { nameOn, signingKeysOn } from './person.queries';

/**
 * The Person reads on the query bus, through `ReadRules`: search, names and signing keys for every
 * role; personal data, relations and appointments outside one's reach by role (see read-rules.ts).
 */

export class SearchPeople extends BusQuery<{ readonly text: string }, { people: { staffNumber: string; name: string }[] }> {}

@QueryHandler(SearchPeople)
export class SearchPeopleHandler implements IQueryHandler<SearchPeople> {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly rules: ReadRules,
  ) {}

  async execute({ params: { text }, principal }: SearchPeople) {
    this.rules.assertMayRead(principal);
    const rows = await this.queries.searchPeople(text);
    return { people: rows.map(({ staffNumber, name }) => ({ staffNumber, name })) };
  }
}

export class GetPerson extends BusQuery<{ readonly staffNumber: string }, PersonView> {}

@QueryHandler(GetPerson)
export class GetPersonHandler implements IQueryHandler<GetPerson> {
  constructor(private readonly rules: ReadRules) {}

  execute({ params: { staffNumber }, principal }: GetPerson): Promise<PersonView> {
    return this.rules.person(principal, staffNumber);
  }
}

export interface PersonAppointments {
  readonly staffNumber: string;
  /** Every name with its first day, oldest first; the registered name has `from: null`. */
  readonly names: readonly { readonly name: string; readonly from: string | null }[];
  /** Each with the name the person bore on its first day. */
  readonly appointments: readonly (AppointmentRow & { readonly name: string })[];
}
export class GetAppointmentsOf extends BusQuery<{ readonly staffNumber: string }, PersonAppointments> {}

@QueryHandler(GetAppointmentsOf)
export class GetAppointmentsOfHandler implements IQueryHandler<GetAppointmentsOf> {
  constructor(private readonly rules: ReadRules) {}

  async execute({ params: { staffNumber }, principal }: GetAppointmentsOf): Promise<PersonAppointments> {
    const { state } = await this.rules.readablePerson(principal, staffNumber);
    const appointments = await this.rules.appointmentsOf(principal, staffNumber);
    return {
      staffNumber,
      names: state.names.map(({ name, from }) => ({ name, from: from ?? null })),
      appointments: appointments.map((appointment) => ({ ...appointment, name: nameOn(state, appointment.effectiveFrom) })),
    };
  }
}

export class GetSigningKeysOn extends BusQuery<
  { readonly staffNumber: string; readonly day: string },
  { staffNumber: string; day: string; signingKeys: ReturnType<typeof signingKeysOn> }
> {}

@QueryHandler(GetSigningKeysOn)
export class GetSigningKeysOnHandler implements IQueryHandler<GetSigningKeysOn> {
  constructor(private readonly rules: ReadRules) {}

  async execute({ params: { staffNumber, day }, principal }: GetSigningKeysOn) {
    const row = await this.rules.readablePerson(principal, staffNumber);
    return { staffNumber, day, signingKeys: signingKeysOn(row.state, day) };
  }
}

export const PERSON_QUERY_HANDLERS = [SearchPeopleHandler, GetPersonHandler, GetAppointmentsOfHandler, GetSigningKeysOnHandler];
