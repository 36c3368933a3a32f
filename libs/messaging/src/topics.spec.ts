import { TOPICS, TOPIC_SPECS, deadLetterTopic, eventTopicSpecs } from './topics';

describe('topics', () => {
  it('give every event topic a dead-letter companion', () => {
    const names = TOPIC_SPECS.map((t) => t.name);
    for (const topic of Object.values(TOPICS)) {
      expect(names).toContain(topic);
      expect(names).toContain(deadLetterTopic(topic));
    }
  });

  it('name the dead-letter topic after the topic', () => {
    expect(deadLetterTopic('registry.events.v1')).toBe('registry.events.v1.dlq');
  });

  it('keep integration events and give the DLQ one partition', () => {
    const [main, dlq] = eventTopicSpecs('x.events.v1', 4);
    expect(main).toMatchObject({ name: 'x.events.v1', partitions: 4, config: { 'retention.ms': '-1' } });
    expect(dlq).toMatchObject({ name: 'x.events.v1.dlq', partitions: 1 });
  });
});
