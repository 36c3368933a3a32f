import { addCalendarDays, addMonths } from '@app/deadlines';
import { chinaDay, DomainError, requiredText, requireUnitCode, rule, unreachable, type Decider } from '@app/domain';
import type { BulletinActor, BulletinCommand } from './bulletin.commands';
import type { BulletinEvent, TypicalCase } from './bulletin.events';

export type BulletinStage = 'compiled' | 'reviewed' | 'signed' | 'published';

export type BulletinState =
  | { readonly status: 'absent' }
  | {
      readonly status: BulletinStage;
      readonly commission: string;
      readonly period: string;
      readonly cases: readonly TypicalCase[];
      readonly compiledBy: string;
      readonly compiledOn: string;
      readonly reviewedBy?: string;
      readonly reviewedOn?: string;
      readonly opinion?: string;
      readonly signedBy?: string;
      readonly signedOn?: string;
      readonly publishedOn?: string;
    };

const PERIOD = /^(\d{4})-B([1-6])$/;
const MAX_OPINION = 2000;

/** `2026-B1` (January–February) … `2026-B6` (November–December) → its first and last day. */
export function bimonthOf(value: string): { readonly from: string; readonly to: string } {
  const match = PERIOD.exec(value);
  if (!match)
    throw new DomainError('BULLETIN.INVALID_PERIOD', `${value} is not a two-month period such as 2026-B1`, 'invalid', { field: 'period' });
  const from = `${match[1]}-${String((Number(match[2]) - 1) * 2 + 1).padStart(2, '0')}-01`;
  return { from, to: addCalendarDays(addMonths(from, 2), -1) };
}

/** Compiled from the typical cases decided in the period, reviewed by another officer, signed by the secretary, published. */
export const bulletinDecider: Decider<BulletinState, BulletinCommand, BulletinEvent> = {
  initialState: () => ({ status: 'absent' }),
  decide(command, state) {
    const today = chinaDay(command.metadata.now);
    const data = command.data;
    rule(
      state.status !== 'published' || command.type === 'PublishBulletin',
      'BULLETIN.ALREADY_PUBLISHED',
      'the bulletin was published',
      'conflict',
    );
    switch (command.type) {
      case 'CompileBulletin': {
        officer(command.data.actor);
        rule(today > bimonthOf(data.period).to, 'BULLETIN.PERIOD_NOT_OVER', `${data.period} is not over on ${today}`, 'conflict');
        if (state.status !== 'absent' && JSON.stringify(state.cases) === JSON.stringify(command.data.cases)) return [];
        return [
          {
            type: 'TypicalCaseBulletinCompiled',
            data: {
              commission: requireUnitCode(data.commission, 'commission'),
              period: data.period,
              cases: command.data.cases,
              compiledBy: command.data.actor.staffNumber,
              compiledOn: today,
            },
          },
        ];
      }
      case 'ReviewBulletin': {
        const actor = officer(command.data.actor);
        rule(state.status !== 'absent', 'BULLETIN.NOT_COMPILED', 'the bulletin is compiled before it is reviewed', 'conflict');
        rule(
          actor.staffNumber !== state.compiledBy,
          'BULLETIN.SELF_REVIEW',
          'the bulletin is reviewed by someone other than its compiler',
          'forbidden',
        );
        const opinion = requiredText(command.data.opinion, 'opinion', MAX_OPINION, 'BULLETIN.OPINION_REQUIRED');
        if (state.status !== 'compiled') return [];
        return [{ type: 'TypicalCaseBulletinReviewed', data: { reviewedBy: actor.staffNumber, reviewedOn: today, opinion } }];
      }
      case 'SignBulletin': {
        rule(command.data.actor.isSecretary, 'BULLETIN.NOT_SECRETARY', 'the bulletin is signed by the commission’s secretary', 'forbidden');
        rule(
          state.status === 'reviewed' || state.status === 'signed',
          'BULLETIN.NOT_REVIEWED',
          'the bulletin is reviewed before it is signed',
          'conflict',
        );
        if (state.status === 'signed') return [];
        return [{ type: 'TypicalCaseBulletinSigned', data: { signedBy: command.data.actor.staffNumber, signedOn: today } }];
      }
      case 'PublishBulletin': {
        const actor = command.data.actor;
        rule(
          actor.actsForCommission || actor.isSecretary,
          'BULLETIN.NOT_COMMISSION_OFFICER',
          'only the commission publishes its bulletin',
          'forbidden',
        );
        if (state.status === 'published') return [];
        rule(state.status === 'signed', 'BULLETIN.NOT_SIGNED', 'the bulletin is signed before it is published', 'conflict');
        return [
          {
            type: 'TypicalCaseBulletinPublished',
            data: {
              commission: state.commission,
              period: state.period,
              caseCount: state.cases.length,
              publishedOn: today,
              by: actor.staffNumber,
            },
          },
        ];
      }
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'TypicalCaseBulletinCompiled':
        return { status: 'compiled', ...event.data };
      case 'TypicalCaseBulletinReviewed':
        return state.status === 'absent' ? state : { ...state, status: 'reviewed', ...event.data };
      case 'TypicalCaseBulletinSigned':
        return state.status === 'absent' ? state : { ...state, status: 'signed', ...event.data };
      case 'TypicalCaseBulletinPublished':
        return state.status === 'absent' ? state : { ...state, status: 'published', publishedOn: event.data.publishedOn };
      default:
        return unreachable(event);
    }
  },
};

function officer(actor: BulletinActor): BulletinActor {
  rule(actor.actsForCommission, 'BULLETIN.NOT_COMMISSION_OFFICER', 'only an officer acting for the commission does this', 'forbidden');
  return actor;
}
