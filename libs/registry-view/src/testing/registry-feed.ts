import { randomBytes, randomUUID } from 'node:crypto';
import { RegistryEventTypes as T, type IntegrationEnvelope } from '@app/contracts';
import { connectInbox } from '@app/kit';
import { createKafka } from '@app/messaging';
import type { INestApplication } from '@nestjs/common';
import { RegistryView } from '../registry-view';

/**
 * Feeds a service under test (one with a registry view) with registry facts the way production does — over
 * Kafka into its registry view — on a topic of the test's own, so a fresh consumer group does not
 * replay every other test's registry history.
 */
export class RegistryFeed {
  readonly topic = `registry.events.v1.test-${randomBytes(4).toString('hex')}`;
  private readonly versions = new Map<string, number>();

  /** `extraTopics`: other topics of the test's own the same inbox consumes (e.g. another service's events). */
  async connect(app: { readonly app: INestApplication }, extraTopics: readonly string[] = []): Promise<void> {
    await connectInbox(app.app, {
      groupId: `resp-test-${randomUUID().slice(0, 8)}`,
      topics: [this.topic, ...extraTopics],
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
    });
    await app.app.startAllMicroservices();
  }

  envelope(streamId: string, type: string, data: object, version = 1): IntegrationEnvelope {
    const streamVersion = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, streamVersion);
    const effective = (data as { effectiveFrom?: string }).effectiveFrom;
    return {
      envelopeVersion: 2,
      id: randomUUID(),
      type,
      version,
      source: 'org-registry',
      streamId,
      streamVersion,
      position: 0,
      topicSequence: 0,
      payloadHash: '',
      eventHash: '',
      occurredAt: effective ? `${effective}T00:00:00+08:00` : new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      correlationId: `c-${this.topic}`,
      actor: { personId: 'p-admin' },
      data,
    };
  }

  /** Publishes in order; with `key`, all on one partition, so the view applies them in this order. */
  async publish(messages: readonly IntegrationEnvelope[], key?: string): Promise<void> {
    const producer = createKafka({ clientId: `feed-${this.topic}` }).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: this.topic, messages: messages.map((m) => ({ key: key ?? m.streamId, value: JSON.stringify(m) })) });
    } finally {
      await producer.disconnect();
    }
  }

  /** Waits until the view knows a person (the last fact a fixture publishes names them). */
  async until(app: { readonly app: INestApplication }, ready: (view: RegistryView) => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const view = app.app.get(RegistryView);
    for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 100))) {
      if (await ready(view).catch(() => false)) return;
    }
    throw new Error(`the registry view did not catch up within ${timeoutMs} ms`);
  }

  unit(
    code: string,
    name: string,
    kind: string,
    level: string,
    parentCode: string | null,
    effectiveFrom = '2020-01-01',
    jurisdictionCode = '410105',
  ): IntegrationEnvelope {
    return this.envelope(`unit-${code}`, T.UnitRegistered, {
      unitCode: code,
      name,
      kind,
      level,
      parentCode,
      jurisdictionCode,
      effectiveFrom,
    });
  }

  paired(unitCode: string, supervisorCode: string, effectiveFrom = '2020-01-01'): IntegrationEnvelope {
    return this.envelope(`unit-${unitCode}`, T.UnitPaired, {
      unitCode,
      supervisorCode,
      supervisorKind: 'discipline_commission',
      effectiveFrom,
    });
  }

  person(staffNumber: string, name: string): IntegrationEnvelope {
    return this.envelope(`person-${staffNumber}`, T.PersonRegistered, { staffNumber, name });
  }

  appointed(
    unitCode: string,
    staffNumber: string,
    post: string,
    effectiveFrom = '2020-01-01',
    appointmentId: string = randomUUID(),
  ): IntegrationEnvelope {
    return this.envelope(`unit-${unitCode}`, T.AppointmentMade, {
      appointmentId,
      unitCode,
      staffNumber,
      post,
      acting: false,
      effectiveFrom,
    });
  }

  portfolio(
    unitCode: string,
    appointmentId: string,
    staffNumber: string,
    coveredUnitCodes: readonly string[],
    effectiveFrom = '2020-01-01',
  ): IntegrationEnvelope {
    return this.envelope(`unit-${unitCode}`, T.PortfolioAssigned, {
      appointmentId,
      unitCode,
      staffNumber,
      coveredUnitCodes,
      effectiveFrom,
    });
  }

  key(staffNumber: string, algorithm: string, publicKey: string, fingerprint: string, effectiveFrom = '2020-01-01'): IntegrationEnvelope {
    return this.envelope(`person-${staffNumber}`, T.SigningKeyRegistered, {
      staffNumber,
      algorithm,
      publicKey,
      fingerprint,
      effectiveFrom,
    });
  }

  keyRevoked(staffNumber: string, fingerprint: string, effectiveFrom: string): IntegrationEnvelope {
    return this.envelope(`person-${staffNumber}`, T.SigningKeyRevoked, { staffNumber, fingerprint, effectiveFrom, reason: 'compromised' });
  }
}
