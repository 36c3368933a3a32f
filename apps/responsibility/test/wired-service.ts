import { randomBytes, randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { RegistryView } from '@app/registry-view';
import { startTestApp, type TestApp } from '@app/testing';
import { ResponsibilityEnv } from '../src/responsibility.env';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { ResponsibilityModule } from '../src/responsibility.module';

/**
 * The responsibility service as it runs, its registry view fed over the real broker from a topic of
 * the run's own: a district committee with its principal leader, two team members (the first with a
 * portfolio covering a department) and its paired commission.
 */

/** The people and units of one run, unique to it. */
export interface RegistryFixture {
  readonly unit: string;
  readonly commission: string;
  /** A department in the first member's portfolio. */
  readonly area: string;
  readonly leader: string;
  readonly member: string;
  readonly otherMember: string;
  readonly today: string;
  readonly year: number;
}

export interface WiredService {
  readonly app: TestApp<ResponsibilityEnv>;
  readonly registry: RegistryFixture;
  /** Uploads a small PDF for the unit as the token's holder; answers the reference to name. */
  upload(token: string): Promise<{ name: string; mediaType: string; size: number; sha256: string }>;
}

export async function startWiredService(): Promise<WiredService> {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const today = chinaDay(new Date());
  const registry: RegistryFixture = {
    unit: `RS-${run}`,
    commission: `RS-JW-${run}`,
    area: `RS-EDU-${run}`,
    leader: `S-LEAD-${run}`,
    member: `S-MEM-${run}`,
    otherMember: `S-MEM2-${run}`,
    today,
    year: Number(today.slice(0, 4)),
  };
  const feed = new RegistryFeed();
  const app = await startTestApp({
    name: 'responsibility',
    env: ResponsibilityEnv,
    module: (config) => ResponsibilityModule.forRoot(config),
  });
  try {
    await feed.connect(app);
    await feed.publish(registryHistory(feed, registry), registry.unit);
    await viewKnows(app.app.get(RegistryView), registry);
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    app,
    registry,
    async upload(token) {
      const form = new FormData();
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(512)]);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), '廉政谈话记录.pdf');
      const response = await fetch(`${app.url}/evidence?unit=${registry.unit}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
      const { name, mediaType, size, sha256 } = (await response.json()) as Record<string, never>;
      return { name, mediaType, size, sha256 };
    },
  };
}

/** The registry as the view learns it, all on the unit's key so that one partition keeps the order. */
function registryHistory(feed: RegistryFeed, r: RegistryFixture): IntegrationEnvelope[] {
  const memberAppointment = randomUUID();
  return [
    feed.unit(r.unit, '中共金水区委', 'party_committee', 'district', null),
    feed.unit(r.commission, '金水区纪委', 'discipline_commission', 'district', r.unit),
    feed.unit(r.area, '金水区教育局', 'government_department', 'district', r.unit),
    feed.paired(r.unit, r.commission),
    feed.appointed(r.unit, r.leader, 'principal_leader'),
    feed.appointed(r.unit, r.member, 'team_member', '2020-01-01', memberAppointment),
    feed.appointed(r.unit, r.otherMember, 'team_member'),
    feed.portfolio(r.unit, memberAppointment, r.member, [r.area]),
  ];
}

/** Until the view has the last fact published: the member's portfolio. */
async function viewKnows(view: RegistryView, r: RegistryFixture, timeoutMs = 30_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const team = await view.teamOn(r.unit, r.today).catch(() => []);
    if (team.some((member) => member.staffNumber === r.member && member.coveredUnitCodes.includes(r.area))) return;
  }
  throw new Error(`the registry view did not learn ${r.unit} within ${timeoutMs} ms`);
}
