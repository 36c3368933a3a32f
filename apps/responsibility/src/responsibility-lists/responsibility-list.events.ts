import type { DomainEvent } from '@app/domain';
import type { Subject } from '../duty-template/duty-template';

/** One line of a unit's year list: a duty, who carries it, by when and with what evidence. */
export interface ListItem {
  readonly key: string;
  readonly subject: Subject;
  readonly title: string;
  /** The duty as the seed words it (template items) or as the unit describes it (added items). */
  readonly text?: string;
  /** Staff numbers of the responsible persons. */
  readonly responsible: readonly string[];
  /** The last day (YYYY-MM-DD, CST) the item is due. */
  readonly deadline: string;
  readonly requiredEvidence: string;
  readonly weight: number;
}

export type ItemChanges = Partial<Pick<ListItem, 'subject' | 'title' | 'responsible' | 'deadline' | 'requiredEvidence' | 'weight'>>;

/** Revision 1 of the list of `unitCode` for `year`, drawn from the duty template on `createdOn`. */
export type ResponsibilityListGenerated = DomainEvent<
  'ResponsibilityListGenerated',
  { readonly unitCode: string; readonly year: number; readonly createdOn: string; readonly items: readonly ListItem[] }
>;

export type ResponsibilityListItemAdded = DomainEvent<'ResponsibilityListItemAdded', { readonly item: ListItem }>;

/** Only the fields that changed, with their new values. */
export type ResponsibilityListItemAmended = DomainEvent<
  'ResponsibilityListItemAmended',
  { readonly key: string; readonly changes: ItemChanges }
>;

export type ResponsibilityListItemRemoved = DomainEvent<
  'ResponsibilityListItemRemoved',
  { readonly key: string; readonly reason?: string }
>;

/**
 * The revision is handed in for sign-off (签字背书, seed §9) as the content hashed by the handler;
 * from here on the list is locked. `totalWeight` reports the weights' sum, which nothing forces.
 */
export type ResponsibilityListSubmittedForSignOff = DomainEvent<
  'ResponsibilityListSubmittedForSignOff',
  { readonly revision: number; readonly contentHash: string; readonly itemCount: number; readonly totalWeight: number }
>;

/** The submitted revision was signed. */
export type ResponsibilityListApproved = DomainEvent<
  'ResponsibilityListApproved',
  { readonly unitCode: string; readonly year: number; readonly revision: number; readonly contentHash: string }
>;

/** A locked list opened again for edits as a new revision; the earlier sign-off stays in the log. */
export type ResponsibilityListReopened = DomainEvent<'ResponsibilityListReopened', { readonly revision: number; readonly reason: string }>;

export type ResponsibilityListEvent =
  | ResponsibilityListGenerated
  | ResponsibilityListItemAdded
  | ResponsibilityListItemAmended
  | ResponsibilityListItemRemoved
  | ResponsibilityListSubmittedForSignOff
  | ResponsibilityListApproved
  | ResponsibilityListReopened;
