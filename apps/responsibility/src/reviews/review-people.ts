import { dayBefore } from '@app/domain';
import { addCalendarDays } from '@app/deadlines';
import { responsibilityChain, type CommitteeLine, type UnitLookup } from '@app/registry-view';
import type { ReviewSubject } from './review.events';

/**
 * Who carried a unit's two responsibilities over a period, from the registry view's histories: the
 * responsibility chain is taken on the period's first day and on every day within it where a unit
 * around it changed (an appointment began or ended, a pairing, a parent, a registration or a
 * dissolution), and consecutive days with the same holder are joined. Each holder comes with the
 * part of the period they held the post, so a leader replaced during the period and the one
 * before both appear, and today's leader does not unless they held it then.
 */
export interface PeopleOfPeriod {
  readonly subjects: readonly ReviewSubject[];
  /** The next committee up and its commission on the last day of the period the unit had a chain. */
  readonly higher: { readonly committeeCode: string; readonly commissionCode: string | null } | null;
}

export function peopleOfPeriod(lookup: UnitLookup, units: Iterable<string>, unitCode: string, from: string, to: string): PeopleOfPeriod {
  const days = [from, ...changeDays(lookup, units, from, to)];
  const spans = new Map<string, ReviewSubject>();
  const latest = new Map<string, string>();
  let higher: PeopleOfPeriod['higher'] = null;
  days.forEach((day, index) => {
    const last = index + 1 < days.length ? dayBefore(days[index + 1]) : to;
    const chain = responsibilityChain(lookup, unitCode, day, []);
    if (!chain?.responsible) return;
    for (const subject of subjectsOf(chain.responsible, day, last)) {
      const key = `${subject.responsibility}/${subject.subject}/${subject.unitCode}/${subject.staffNumber ?? ''}/${subject.acting}`;
      const spanId = latest.get(key);
      const earlier = spanId === undefined ? undefined : spans.get(spanId);
      // The same holder again right after: one span. After a gap (another holder between), a span of its own.
      if (spanId !== undefined && earlier && addCalendarDays(earlier.to, 1) === day) spans.set(spanId, { ...earlier, to: last });
      else {
        spans.set(`${key}@${day}`, subject);
        latest.set(key, `${key}@${day}`);
      }
    }
    higher = chain.higher ? { committeeCode: chain.higher.committee.code, commissionCode: chain.higher.commission?.code ?? null } : null;
  });
  return { subjects: [...spans.values()].sort(bySubject), higher };
}

function subjectsOf(line: CommitteeLine, from: string, to: string): ReviewSubject[] {
  const { committee, commission } = line;
  const subjects: ReviewSubject[] = [
    { responsibility: 'main', subject: 'committee', unitCode: committee.code, staffNumber: null, from, to, acting: false },
  ];
  if (committee.principalLeader) {
    const { staffNumber, acting } = committee.principalLeader;
    subjects.push({ responsibility: 'main', subject: 'principal_leader', unitCode: committee.code, staffNumber, from, to, acting });
  }
  if (commission) {
    subjects.push({
      responsibility: 'supervisory',
      subject: 'commission',
      unitCode: commission.code,
      staffNumber: null,
      from,
      to,
      acting: false,
    });
    if (commission.secretary) {
      const { staffNumber, acting } = commission.secretary;
      subjects.push({ responsibility: 'supervisory', subject: 'secretary', unitCode: commission.code, staffNumber, from, to, acting });
    }
  }
  return subjects;
}

/** Days after `from` up to `to` on which something about these units changed, in order. */
function changeDays(lookup: UnitLookup, units: Iterable<string>, from: string, to: string): string[] {
  const days = new Set<string>();
  const add = (day: string | undefined) => day !== undefined && from < day && day <= to && days.add(day);
  const addEnd = (day: string | undefined) => day !== undefined && add(addCalendarDays(day, 1));
  for (const code of units) {
    const unit = lookup(code);
    if (!unit) continue;
    add(unit.registeredFrom);
    add(unit.dissolvedFrom);
    unit.parents.forEach((p) => add(p.from));
    unit.pairings.forEach((p) => (add(p.from), addEnd(p.to)));
    unit.appointments.forEach((a) => (add(a.from), addEnd(a.to)));
  }
  return [...days].sort();
}

const ORDER = ['committee', 'principal_leader', 'commission', 'secretary'];
function bySubject(a: ReviewSubject, b: ReviewSubject): number {
  return ORDER.indexOf(a.subject) - ORDER.indexOf(b.subject) || a.from.localeCompare(b.from) || a.unitCode.localeCompare(b.unitCode);
}
