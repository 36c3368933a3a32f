import { addCalendarDays, addMonths } from '@app/deadlines';
import {
  chinaDay,
  DomainError,
  fieldRule,
  requiredText,
  requireStaffNumber,
  requireUnitCode,
  rule,
  unreachable,
  type Decider,
} from '@app/domain';
import { requireExactOpinion, requireValidSignature, SIGN_OFF_STATEMENT_FORMAT } from '@app/signoffs';
import type { BulletinActor, BulletinCommand, SignBulletin } from './bulletin.commands';
import { bulletinContentHash, type BulletinEvent, type TypicalCase } from './bulletin.events';

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
      /** The compilation's number (1, then 2 … as other cases are compiled): the version a signature signs. */
      readonly compilation: number;
      readonly reviewedBy?: string;
      readonly reviewedOn?: string;
      readonly opinion?: string;
      readonly signedBy?: string;
      readonly signedOn?: string;
      /** The content hash of the compiled bulletin the signature signed. */
      readonly signedContentHash?: string;
      readonly publishedOn?: string;
    };

const PERIOD = /^(\d{4})-B([1-6])$/;
const MAX_OPINION = 2000;
const MAX_SIGN_OFF_OPINION = 1000;
const SM3_HEX = /^[0-9a-f]{64}$/;

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
      case 'SignBulletin':
        return sign(command.data, state, today);
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
        return { status: 'compiled', ...event.data, compilation: (state.status === 'absent' ? 0 : state.compilation) + 1 };
      case 'TypicalCaseBulletinReviewed':
        return state.status === 'absent' ? state : { ...state, status: 'reviewed', ...event.data };
      case 'TypicalCaseBulletinSigned':
        return state.status === 'absent'
          ? state
          : {
              ...state,
              status: 'signed',
              signedBy: event.data.signedBy,
              signedOn: event.data.signedOn,
              signedContentHash: event.data.contentHash ?? bulletinContentHash(state),
            };
      case 'TypicalCaseBulletinPublished':
        return state.status === 'absent' ? state : { ...state, status: 'published', publishedOn: event.data.publishedOn };
      default:
        return unreachable(event);
    }
  },
};

/**
 * Signed by the commission's secretary that day, once reviewed, with their own signature: over the
 * bulletin as compiled (a hash of other content is refused), as its current compilation, by their
 * own key valid today, verified over the statement. Signing again records nothing.
 */
function sign(data: SignBulletin['data'], state: BulletinState, today: string): readonly BulletinEvent[] {
  rule(data.actor.isSecretary, 'BULLETIN.NOT_SECRETARY', 'the bulletin is signed by the commission’s secretary', 'forbidden');
  if (state.status !== 'reviewed' && state.status !== 'signed') {
    throw new DomainError('BULLETIN.NOT_REVIEWED', 'the bulletin is reviewed before it is signed', 'conflict');
  }
  const signer = requireStaffNumber(data.signerStaffNumber, 'signerStaffNumber');
  if (signer !== data.actor.staffNumber) {
    throw new DomainError(
      'SIGNOFF.SIGNER_NOT_ENTITLED',
      `${signer} is not the secretary signing; the secretary signs with their own key`,
      'forbidden',
    );
  }
  fieldRule(
    typeof data.contentHash === 'string' && SM3_HEX.test(data.contentHash),
    'BULLETIN.INVALID_CONTENT_HASH',
    'not an SM3 hex digest',
    'contentHash',
  );
  const contentHash = bulletinContentHash(state);
  if (data.contentHash !== contentHash) {
    throw new DomainError('BULLETIN.CONTENT_CHANGED', 'the bulletin was compiled again since the signed hash was taken', 'conflict', {
      contentHash,
    });
  }
  const compilation = state.compilation;
  if (data.version !== compilation) {
    throw new DomainError(
      'BULLETIN.STALE_SIGN_OFF_VERSION',
      `the signature is for compilation ${String(data.version)}; the bulletin is compilation ${compilation}`,
      'conflict',
      { nextVersion: compilation },
    );
  }
  const opinion = requireExactOpinion(data.opinion, MAX_SIGN_OFF_OPINION);
  const algorithm = requireValidSignature(data, data.facts, today);
  if (state.status === 'signed') return [];
  return [
    {
      type: 'TypicalCaseBulletinSigned',
      data: {
        signedBy: signer,
        signedOn: today,
        version: compilation,
        contentHash,
        opinion,
        algorithm,
        keyFingerprint: data.keyFingerprint,
        signature: data.signature.toLowerCase(),
        statementFormat: SIGN_OFF_STATEMENT_FORMAT,
      },
    },
  ];
}

function officer(actor: BulletinActor): BulletinActor {
  rule(actor.actsForCommission, 'BULLETIN.NOT_COMMISSION_OFFICER', 'only an officer acting for the commission does this', 'forbidden');
  return actor;
}
