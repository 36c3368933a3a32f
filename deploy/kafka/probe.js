// One readiness probe of the broker: exits 0 when it answers metadata requests with at least
// one registered broker, 1 otherwise, 2 when kafkajs is not installed. Used by kafka.sh.
'use strict';

let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  process.exit(2);
}

const broker = process.argv[2] || '127.0.0.1:9092';
const kafka = new kafkajs.Kafka({
  clientId: 'kafka-sh-probe',
  brokers: [broker],
  logLevel: kafkajs.logLevel.NOTHING,
  connectionTimeout: 1000,
  requestTimeout: 3000,
  retry: { retries: 0 },
});

async function main() {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.listTopics();
    return cluster.brokers.length > 0 ? 0 : 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
