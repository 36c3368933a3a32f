// Jest global setup of the integration project: makes sure the services the tests use are up.
'use strict';

const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repoRoot = path.resolve(__dirname, '../../..');

function portAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answers) => {
      socket.destroy();
      resolve(answers);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Starts the project's Kafka broker (deploy/kafka/kafka.sh) unless something answers on its port. */
async function ensureKafka() {
  const port = Number(process.env.KAFKA_PORT || 9092);
  if (await portAnswers('127.0.0.1', port)) return;
  const result = spawnSync('bash', [path.join(repoRoot, 'deploy/kafka/kafka.sh'), 'start'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  if (result.status !== 0) {
    throw new Error(`Kafka broker did not start (deploy/kafka/kafka.sh start exited ${result.status})`);
  }
}

module.exports = async function globalSetup() {
  await ensureKafka();
};
