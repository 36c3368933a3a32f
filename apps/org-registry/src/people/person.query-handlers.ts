import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/domain';
import { BusQuery } from '@app/kit';
import { hasRole } from '@app/platform';
import type { AppointmentRow, PersonRow } from '../read-models/read-model.entities';
import { RegistryQueries } from '../read-models/registry.queries';
import { signingKeysOn } from './person.queries';

/** The Person reads on the query bus. Personal data (gender, birth year, contact) only for registry administrators. */

export class SearchPeople extends BusQuery<{ readonly text: string }, { people: { staffNumber: string; name: string }[] }> {}

@QueryHandler(SearchPeople)
export class SearchPeopleHandler implements IQueryHandler<SearchPeople> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { text } }: SearchPeople) {
    const rows = await this.queries.searchPeople(text);
    return { people: rows.map(({ staffNumber, name }) => ({ staffNumber, name })) };
  }
}

export class GetPerson extends BusQuery<{ readonly staffNumber: string }, Record<string, unknown> & { version: number }> {}

@QueryHandler(GetPerson)
export class GetPersonHandler implements IQueryHandler<GetPerson> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { staffNumber }, principal }: GetPerson) {
    const { state, version } = await requirePerson(this.queries, staffNumber);
    const personal = hasRole(principal, 'registry_admin')
      ? { gender: state.gender, birthYear: state.birthYear, contact: state.contact }
      : {};
    return { staffNumber, name: state.name, version, ...personal, signingKeys: state.keys, relations: state.relations };
  }
}

export class GetAppointmentsOf extends BusQuery<
  { readonly staffNumber: string },
  { staffNumber: string; appointments: AppointmentRow[] }
> {}

@QueryHandler(GetAppointmentsOf)
export class GetAppointmentsOfHandler implements IQueryHandler<GetAppointmentsOf> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { staffNumber } }: GetAppointmentsOf) {
    await requirePerson(this.queries, staffNumber);
    return { staffNumber, appointments: await this.queries.appointmentsOf(staffNumber) };
  }
}

export class GetSigningKeysOn extends BusQuery<
  { readonly staffNumber: string; readonly day: string },
  { staffNumber: string; day: string; signingKeys: ReturnType<typeof signingKeysOn> }
> {}

@QueryHandler(GetSigningKeysOn)
export class GetSigningKeysOnHandler implements IQueryHandler<GetSigningKeysOn> {
  constructor(private readonly queries: RegistryQueries) {}

  async execute({ params: { staffNumber, day } }: GetSigningKeysOn) {
    const row = await requirePerson(this.queries, staffNumber);
    return { staffNumber, day, signingKeys: signingKeysOn(row.state, day) };
  }
}

async function requirePerson(queries: RegistryQueries, staffNumber: string): Promise<PersonRow> {
  const row = await queries.person(staffNumber);
  if (!row) throw new DomainError('PERSON.NOT_FOUND', `No person with staff number ${staffNumber}.`, 'not_found');
  return row;
}

export const PERSON_QUERY_HANDLERS = [SearchPeopleHandler, GetPersonHandler, GetAppointmentsOfHandler, GetSigningKeysOnHandler];
