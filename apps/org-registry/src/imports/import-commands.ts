import type { BusCommand, CommandContext, CommandResponse } from '@app/kit';
import { RegisterPersonCommand } from '../people/person.command-handlers';
import { EndAppointmentCommand, MakeAppointmentCommand, PairUnitCommand, RegisterUnitCommand } from '../units/unit.command-handlers';
import type { StepCommand } from './import-plan';

/**
 * Import steps share one idempotency-key scope whoever imports: the same file imported again, by
 * anyone, is recognised row by row.
 */
export const IMPORT_KEY_SCOPE = 'import';

/** The bus command an import step sends: the one the HTTP route for the same fact sends. */
export function busCommandOf(command: StepCommand, context: CommandContext): BusCommand<unknown, CommandResponse> {
  switch (command.type) {
    case 'RegisterUnit':
      return new RegisterUnitCommand(command.data, context);
    case 'PairUnit':
      return new PairUnitCommand(command.data, context);
    case 'MakeAppointment':
      return new MakeAppointmentCommand(command.data, context);
    case 'EndAppointment':
      return new EndAppointmentCommand(command.data, context);
    case 'RegisterPerson':
      return new RegisterPersonCommand(command.data, context);
    default:
      throw new Error(`an import never plans ${command.type}`);
  }
}
