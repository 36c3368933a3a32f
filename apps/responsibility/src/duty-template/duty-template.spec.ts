import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEADLINE_RULES, DUTY_TEMPLATE, SUBJECTS, TEN_THINGS, templateFor, type Subject } from './duty-template';

/** The seed document, kept in the repository as received (docs/seed/), so a clone checks against it. */
const SEED_PATH = join(__dirname, '../../../../docs/seed/000_54c88003f7c1abdc.txt');
const SEED = readFileSync(SEED_PATH, 'utf8');
const SECTION_OF: Readonly<Record<Subject, number>> = { committee: 3, principal_leader: 4, team_member: 5, commission: 6 };

/** The lines of seed section `n` (from `n.` up to the next numbered section). */
function sectionLines(section: number): readonly string[] {
  const lines = SEED.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${section}.`));
  const end = lines.findIndex((line, i) => i > start && /^\d+\./.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('duty template', () => {
  it.each([
    ['committee', 10],
    ['principal_leader', 8],
    ['team_member', 4],
    ['commission', 7],
  ] as const)('carries as many %s duties as the seed numbers (%i)', (subject, count) => {
    expect(templateFor([subject])).toHaveLength(count);
    expect(sectionLines(SECTION_OF[subject]).filter((line) => /^\(\d+\)/.test(line))).toHaveLength(count);
  });

  it('quotes each duty’s heading and sentences from its numbered clause of the seed, in order', () => {
    for (const subject of SUBJECTS) {
      const clauses = sectionLines(SECTION_OF[subject]).filter((line) => /^\(\d+\)/.test(line));
      templateFor([subject]).forEach((entry, index) => {
        expect(entry.key).toBe(`${subject}.${SECTION_OF[subject]}.${index + 1}`);
        expect(clauses[index]).toBe(`(${index + 1})${entry.title}。${entry.text}`);
      });
    }
  });

  it('lists the principal leader’s ten things of §7, each phrase taken from the seed in its order', () => {
    expect(TEN_THINGS).toHaveLength(10);
    const section7 = SEED.split('\n').find((line) => line.startsWith('7.'))!;
    let from = 0;
    TEN_THINGS.forEach((thing, index) => {
      expect(thing.number).toBe(index + 1);
      expect(thing.key).toBe(`ten_things.${index + 1}`);
      const at = section7.indexOf(thing.text, from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + thing.text.length;
    });
    expect(section7.slice(from)).toMatch(/^等党风廉政建设主体责任“十件事”为抓手/);
  });

  it('gives every duty required evidence, a positive weight and a known deadline rule, under unique keys', () => {
    for (const entry of [...DUTY_TEMPLATE, ...TEN_THINGS]) {
      expect(entry.requiredEvidence.length).toBeGreaterThan(0);
      expect(entry.weight).toBeGreaterThan(0);
      expect(DEADLINE_RULES).toContain(entry.deadlineRule);
    }
    const keys = [...DUTY_TEMPLATE, ...TEN_THINGS].map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
