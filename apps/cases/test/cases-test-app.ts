import { randomBytes } from 'node:crypto';
import type { IntegrationEnvelope } from '@app/contracts';
import type { Logger } from '@app/platform';
import { startTestApp, type TestApp } from '@app/testing';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { CasesEnv } from '../src/cases.env';
import { CasesModule } from '../src/cases.module';

export type CasesUnderTest = TestApp<CasesEnv>;

/** A fresh petition key (16 bytes) as `PETITION_KEYS` lists it. */
export const petitionKey = (kid: string): string => `${kid}:${randomBytes(16).toString('hex')}`;

/**
 * Case handling booted as in production on a database of its own, for one test file: call in
 * `beforeAll`, close the app in `afterAll`. Its petition key is fresh unless `vars` set one.
 */
export function startCases(options: { logger?: Logger; vars?: Record<string, string> } = {}): Promise<CasesUnderTest> {
  return startTestApp({
    name: 'cases',
    env: CasesEnv,
    module: (config) => CasesModule.forRoot(config),
    vars: { PETITION_KEYS: petitionKey('k1'), PETITION_ACTIVE_KEY: 'k1', ...options.vars },
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/**
 * The registry of one run, unique to it: a city committee and its commission; a district
 * committee below it with its commission (whose secretary is `secretary`), a township committee
 * with its own commission below that, and a department of the district (headed by `chief`).
 * `office`, `officer`, `otherOfficer` and `stranger` are registered people with no post.
 */
export interface CasesRegistry {
  readonly city: string;
  readonly cityCommission: string;
  readonly district: string;
  readonly commission: string;
  readonly township: string;
  readonly townshipCommission: string;
  readonly department: string;
  readonly secretary: string;
  readonly chief: string;
  readonly office: string;
  readonly officer: string;
  readonly otherOfficer: string;
  readonly stranger: string;
}

export interface WiredCases {
  readonly app: CasesUnderTest;
  readonly registry: CasesRegistry;
  readonly feed: RegistryFeed;
}

/**
 * Case handling with its registry view fed over the real broker from a topic of the run's own;
 * `topics`: more topics of the run's own its inbox consumes (another service's events).
 */
export async function startWiredCases(
  options: { logger?: Logger; vars?: Record<string, string>; topics?: readonly string[] } = {},
): Promise<WiredCases> {
  const registry = newCasesRegistry();
  const app = await startCases(options);
  const feed = new RegistryFeed();
  try {
    await feed.connect(app, options.topics);
    await feed.publish(casesRegistryHistory(feed, registry), registry.city);
    await feed.until(app, async (view) => (await view.personOn(registry.stranger, '2026-01-05')) !== undefined);
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, registry, feed };
}

/** The units and people of a fresh run (codes unique to it); `casesRegistryHistory` is how the registry announces them. */
export function newCasesRegistry(): CasesRegistry {
  const run = randomBytes(3).toString('hex').toUpperCase();
  return {
    city: `CS-ZZ-${run}`,
    cityCommission: `CS-ZZ-JW-${run}`,
    district: `CS-JS-${run}`,
    commission: `CS-JS-JW-${run}`,
    township: `CS-XZ-${run}`,
    townshipCommission: `CS-XZ-JW-${run}`,
    department: `CS-EDU-${run}`,
    secretary: `S-SEC-${run}`,
    chief: `S-CHIEF-${run}`,
    office: `S-OFFICE-${run}`,
    officer: `S-OFF-${run}`,
    otherOfficer: `S-OFF2-${run}`,
    stranger: `S-STR-${run}`,
  };
}

/** The registry's facts about `r`, in order; publish them on `r.city`'s key so one partition keeps the order. */
export function casesRegistryHistory(feed: RegistryFeed, r: CasesRegistry): IntegrationEnvelope[] {
  return [
    feed.unit(r.city, '中共郑州市委', 'party_committee', 'city', null, '2020-01-01', '410100'),
    feed.unit(r.cityCommission, '郑州市纪委', 'discipline_commission', 'city', r.city, '2020-01-01', '410100'),
    feed.paired(r.city, r.cityCommission),
    feed.unit(r.district, '中共金水区委', 'party_committee', 'district', r.city),
    feed.unit(r.commission, '金水区纪委', 'discipline_commission', 'district', r.district),
    feed.paired(r.district, r.commission),
    feed.unit(r.township, '中共某街道工委', 'party_committee', 'township', r.district),
    feed.unit(r.townshipCommission, '某街道纪工委', 'discipline_commission', 'township', r.township),
    feed.paired(r.township, r.townshipCommission),
    feed.unit(r.department, '金水区教育局', 'government_department', 'district', r.district),
    feed.person(r.secretary, '区纪委书记'),
    feed.person(r.chief, '教育局局长'),
    feed.person(r.office, '信访室干部'),
    feed.person(r.officer, '承办人甲'),
    feed.person(r.otherOfficer, '承办人乙'),
    feed.appointed(r.commission, r.secretary, 'commission_secretary'),
    feed.appointed(r.department, r.chief, 'department_head'),
    feed.person(r.stranger, '其他人员'),
  ];
}
