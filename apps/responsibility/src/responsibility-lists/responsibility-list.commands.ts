import type { Command } from '@app/domain';
import type { ResponsibilityActor } from '../duty-template/responsibility-actor';

/**
 * Commands of a unit's year list (stream `responsibility-list-<unitCode>-<year>`). Values arrive
 * as received from the edge and the decider checks them; facts from elsewhere (the unit's kind, who
 * holds which post, the days the deadline rules fall on, the actor's roles) are resolved by the
 * handler for the command's day.
 */

interface ListTarget {
  readonly unitCode: string;
  readonly year: number;
  readonly actor: ResponsibilityActor;
}

export interface ItemInput {
  readonly key: string;
  readonly subject: string;
  readonly title: string;
  readonly text?: string;
  readonly responsible: readonly string[];
  readonly deadline: string;
  readonly requiredEvidence: string;
  readonly weight: number;
}

export type GenerateResponsibilityList = Command<
  'GenerateResponsibilityList',
  ListTarget & {
    /** The unit's kind in the registry on the command's day. */
    readonly unitKind: string;
    /** Staff numbers of the responsible persons of each subject the unit's list has. */
    readonly responsible: Readonly<Partial<Record<string, readonly string[]>>>;
    /** The day each deadline rule of the template falls on for this unit and year. */
    readonly deadlines: Readonly<Partial<Record<string, string>>>;
  }
>;

export type AddResponsibilityListItem = Command<'AddResponsibilityListItem', ListTarget & { readonly item: ItemInput }>;

export type AmendResponsibilityListItem = Command<
  'AmendResponsibilityListItem',
  ListTarget & { readonly key: string; readonly changes: Partial<Omit<ItemInput, 'key' | 'text'>> }
>;

export type RemoveResponsibilityListItem = Command<
  'RemoveResponsibilityListItem',
  ListTarget & { readonly key: string; readonly reason?: string }
>;

export type SubmitResponsibilityListForSignOff = Command<
  'SubmitResponsibilityListForSignOff',
  ListTarget & {
    /** Hash (SHA-256 or SM3, hex) of the list's content as the sign-off document carries it. */
    readonly contentHash: string;
  }
>;

/** Sent by the sign-off flow once the submitted content is signed. */
export type ApproveResponsibilityList = Command<
  'ApproveResponsibilityList',
  { readonly unitCode: string; readonly year: number; readonly contentHash: string }
>;

export type ReopenResponsibilityList = Command<'ReopenResponsibilityList', ListTarget & { readonly reason: string }>;

export type ResponsibilityListCommand =
  | GenerateResponsibilityList
  | AddResponsibilityListItem
  | AmendResponsibilityListItem
  | RemoveResponsibilityListItem
  | SubmitResponsibilityListForSignOff
  | ApproveResponsibilityList
  | ReopenResponsibilityList;

export const responsibilityListStreamId = (unitCode: string, year: number): string => `responsibility-list-${unitCode}-${year}`;
