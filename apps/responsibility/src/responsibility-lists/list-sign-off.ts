import { idFromKey } from '@app/kit';
import { canonicalContentHash } from '@app/signoffs';
import { SUBJECT_LABELS } from '../exports/responsibility-workbooks';
import type { ListRecord } from './responsibility-list.decider';

/**
 * A list revision handed in for sign-off becomes the content of a responsibility-division document
 * (责任分工, seed §9): signed by the principal leader and the paired commission's secretary like any
 * other document, and once fully signed, the list revision is approved. The document id is derived
 * from the list and revision, so a retried submission lands on the same document.
 */
export const listDivisionDocumentId = (unitCode: string, year: number, revision: number): string =>
  idFromKey('list-division', `${unitCode}\u0000${year}\u0000${revision}`);

export interface ListDivisionContent {
  readonly title: string;
  readonly body: string;
}

/** The division document's content: the revision's items, one numbered paragraph each, in list order. */
export function listDivisionContent(list: ListRecord, unitName: string, names: ReadonlyMap<string, string>): ListDivisionContent {
  const lines = list.items.map((item, index) => {
    const responsible = item.responsible.map((staff) => names.get(staff) ?? staff).join('、') || '（未明确）';
    return `${index + 1}. 【${SUBJECT_LABELS[item.subject] ?? item.subject}】${item.title}。责任人：${responsible}；完成时限：${item.deadline}；佐证材料：${item.requiredEvidence}；权重：${item.weight}。`;
  });
  return {
    title: `${unitName}${list.year}年度党风廉政建设责任清单（第${list.revision}版）`,
    body: [`共${list.items.length}项。`, ...lines].join('\n'),
  };
}

export const listDivisionContentHash = canonicalContentHash;
