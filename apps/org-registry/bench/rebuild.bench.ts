/**
 * `npm run bench:rebuild`: the registry's read models rebuilt from a log of registry events
 * (default 1,000,000; `--events=100000` for a quick run). The harness is in libs/eventstore/bench.
 */
import type { EventMetadata } from '@app/eventstore';
import { runRebuildBench, type LogEvent } from '../../../libs/eventstore/bench/rebuild';
import { RegistryReadModels1764050000000 } from '../src/migrations/1764050000000-registry-read-models';
import type { PersonEvent } from '../src/people/person.events';
import { peopleProjection } from '../src/read-models/people.projection';
import { REGISTRY_ENTITIES } from '../src/read-models/read-model.entities';
import { unitsProjection } from '../src/read-models/units.projection';
import type { UnitEvent } from '../src/units/unit.events';

type RegistryEvent = UnitEvent | PersonEvent;

const NAMES = ['张建国', '李卫东', '王秀兰', '刘志强', '陈晓燕', '杨海涛', '赵丽华', '黄国平'];
const UNIT_NAMES = ['区委', '教育局党组', '卫健委党组', '交通运输局党组', '街道党工委', '城管局党组'];

/**
 * A district's life, ten events per block: a unit under its parent, two people, two
 * appointments, a signing key, a rename, a portfolio, an appointment ended, a profile update.
 */
function* registryLog(count: number): Iterable<LogEvent> {
  const base = Date.UTC(2025, 0, 1);
  let emitted = 0;
  for (let block = 0; emitted < count; block++) {
    const unit = `D${block}`;
    const a = `S${block}A`;
    const b = `S${block}B`;
    const metadata: EventMetadata = { actor: { personId: 'p-import', unitId: 'D0' }, correlationId: `bench-${block}`, unitId: unit };
    const day = new Date(base + (block % 365) * 86_400_000).toISOString().slice(0, 10);
    const appointmentA = uuidOf(block, 1);
    const appointmentB = uuidOf(block, 2);
    const name = NAMES[block % NAMES.length];
    const events: [string, number, RegistryEvent][] = [
      [
        `unit-${unit}`,
        1,
        {
          type: 'UnitRegistered',
          data: {
            unitCode: unit,
            name: `金水区${UNIT_NAMES[block % UNIT_NAMES.length]}${block}`,
            kind: 'party_committee',
            level: 'district',
            parentCode: block === 0 ? null : `D${Math.floor(block / 10)}`,
            jurisdictionCode: '410105',
            effectiveFrom: day,
          },
        },
      ],
      [
        `person-${a}`,
        1,
        {
          type: 'PersonRegistered',
          data: { staffNumber: a, name, gender: 'male', birthYear: 1970 + (block % 30), contact: { phone: '0371-12345678' } },
        },
      ],
      [
        `person-${b}`,
        1,
        {
          type: 'PersonRegistered',
          data: { staffNumber: b, name: NAMES[(block + 3) % NAMES.length], gender: 'female', birthYear: 1975, contact: {} },
        },
      ],
      [
        `unit-${unit}`,
        2,
        {
          type: 'AppointmentMade',
          data: {
            unitCode: unit,
            appointmentId: appointmentA,
            staffNumber: a,
            post: 'principal_leader',
            acting: false,
            effectiveFrom: day,
          },
        },
      ],
      [
        `unit-${unit}`,
        3,
        {
          type: 'AppointmentMade',
          data: { unitCode: unit, appointmentId: appointmentB, staffNumber: b, post: 'team_member', acting: false, effectiveFrom: day },
        },
      ],
      [
        `person-${a}`,
        2,
        {
          type: 'SigningKeyRegistered',
          data: {
            staffNumber: a,
            algorithm: 'ed25519',
            publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=',
            fingerprint: uuidOf(block, 3).replace(/-/g, ''),
            effectiveFrom: day,
          },
        },
      ],
      [
        `unit-${unit}`,
        4,
        { type: 'UnitRenamed', data: { unitCode: unit, name: `金水区新${block}`, previousName: '', effectiveFrom: day } },
      ],
      [
        `unit-${unit}`,
        5,
        {
          type: 'PortfolioAssigned',
          data: { unitCode: unit, appointmentId: appointmentB, staffNumber: b, coveredUnitCodes: [unit], effectiveFrom: day },
        },
      ],
      [
        `unit-${unit}`,
        6,
        {
          type: 'AppointmentEnded',
          data: {
            unitCode: unit,
            appointmentId: appointmentB,
            staffNumber: b,
            post: 'team_member',
            effectiveTo: '2026-06-30',
            reason: 'transferred',
          },
        },
      ],
      [
        `person-${b}`,
        2,
        { type: 'PersonProfileUpdated', data: { staffNumber: b, contact: { email: `${b.toLowerCase()}@example.gov.cn` } } },
      ],
    ];
    for (const [streamId, version, event] of events) {
      if (emitted++ >= count) return;
      yield { streamId, version, type: event.type, data: event.data, metadata, recordedAt: new Date(base + emitted * 1000) };
    }
  }
}

function uuidOf(block: number, n: number): string {
  const hex = (block * 4 + n).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

runRebuildBench(
  {
    service: 'org-registry',
    entities: REGISTRY_ENTITIES,
    migrations: [RegistryReadModels1764050000000],
    projections: [unitsProjection, peopleProjection],
    events: registryLog,
  },
  process.argv.slice(2),
  process.env,
).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
