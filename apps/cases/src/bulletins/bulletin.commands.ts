import type { Command } from '@app/domain';
import type { SignOffFacts, SignOffInput } from '../returns/return.commands';
import type { TypicalCase } from './bulletin.events';

/** Who the caller is to the commission that day, as the handler finds it in the token and the registry. */
export interface BulletinActor {
  readonly staffNumber: string;
  readonly actsForCommission: boolean;
  readonly isSecretary: boolean;
}

export type CompileBulletin = Command<
  'CompileBulletin',
  { readonly commission: string; readonly period: string; readonly cases: readonly TypicalCase[]; readonly actor: BulletinActor }
>;
export type ReviewBulletin = Command<
  'ReviewBulletin',
  { readonly commission: string; readonly period: string; readonly opinion: string; readonly actor: BulletinActor }
>;
/** The secretary's signature (`version` is the compilation signed); the handler adds the key and the verdict over the statement. */
export type SignBulletin = Command<
  'SignBulletin',
  SignOffInput & { readonly commission: string; readonly period: string; readonly facts: SignOffFacts; readonly actor: BulletinActor }
>;
export type PublishBulletin = Command<
  'PublishBulletin',
  { readonly commission: string; readonly period: string; readonly actor: BulletinActor }
>;

export type BulletinCommand = CompileBulletin | ReviewBulletin | SignBulletin | PublishBulletin;

export const bulletinStreamId = (commission: string, period: string): string =>
  `typical-case-bulletin-${commission}-${period.toLowerCase()}`;
