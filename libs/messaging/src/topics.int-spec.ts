import type { Admin, Kafka } from 'kafkajs';
import { ensureTopics, eventTopicSpecs } from './topics';
import { testKafka, uniqueName } from './testing/kafka-testing';

jest.setTimeout(30_000);

describe('ensureTopics (Kafka)', () => {
  let kafka: Kafka;
  const admins: Admin[] = [];

  beforeAll(() => {
    kafka = testKafka('topics-test');
  });

  afterAll(async () => {
    await Promise.all(admins.map((admin) => admin.disconnect()));
  });

  const connectedAdmin = async (): Promise<Admin> => {
    const admin = kafka.admin();
    await admin.connect();
    admins.push(admin);
    return admin;
  };

  it('lets several processes ensure the same new topics at once: each topic is created once and every partition has a leader when any returns', async () => {
    const specs = [...eventTopicSpecs(`${uniqueName('race')}.v1`, 3), ...eventTopicSpecs(`${uniqueName('race')}.v1`, 2)];
    const contenders = await Promise.all([1, 2, 3, 4].map(() => connectedAdmin()));

    const created = await Promise.all(contenders.map((admin) => ensureTopics(admin, specs)));

    expect(created.flat().sort()).toEqual(specs.map((s) => s.name).sort());
    const { topics } = await contenders[0].fetchTopicMetadata({ topics: specs.map((s) => s.name) });
    for (const spec of specs) {
      const topic = topics.find((t) => t.name === spec.name);
      expect(topic?.partitions).toHaveLength(spec.partitions);
      expect(topic?.partitions.every((p) => p.leader >= 0)).toBe(true);
    }
  });

  it('leaves existing topics alone and creates nothing the second time', async () => {
    const admin = await connectedAdmin();
    const specs = eventTopicSpecs(`${uniqueName('again')}.v1`, 1);
    expect(await ensureTopics(admin, specs)).toHaveLength(2);
    expect(await ensureTopics(admin, specs)).toEqual([]);
  });

  it('passes on a refusal that is not a race (an invalid topic config)', async () => {
    const admin = await connectedAdmin();
    const bad = [{ name: `${uniqueName('bad')}.v1`, partitions: 1, config: { 'cleanup.policy': 'no-such-policy' } }];
    await expect(ensureTopics(admin, bad)).rejects.toThrow();
  });
});
