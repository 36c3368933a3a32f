import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.js');

function cruise(cwd: string): { status: number | null; output: string } {
  const run = spawnSync(DEPCRUISE, ['apps', 'libs', '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('architecture rules', () => {
  it('hold for the code base', () => {
    const result = cruise(ROOT);
    expect(result.output).not.toMatch(/error/);
    expect(result.status).toBe(0);
  });

  it('catch an app importing another app, an impure decider and a contract with dependencies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arch-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/eventstore': ['libs/eventstore/src'] } } }),
      'apps/alpha/src/units/unit.decider.ts': `import { Injectable } from '@nestjs/common';\nimport { b } from '../../../beta/src/b';\nimport { x } from '@app/eventstore';\nexport const d = [Injectable, b, x];\n`,
      'apps/beta/src/b.ts': 'export const b = 1;\n',
      'libs/eventstore/src/index.ts': 'export const x = 1;\n',
      'libs/contracts/src/c.ts': `import { Kafka } from 'kafkajs';\nexport const c = Kafka;\n`,
      'libs/domain/src/d.ts': `import { Injectable } from '@nestjs/common';\nexport const d = Injectable;\n`,
    };
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const result = cruise(dir);
      expect(result.status).not.toBe(0);
      for (const rule of [
        'no-app-imports-another-app',
        'deciders-are-framework-free',
        'deciders-use-only-the-domain-kernel',
        'contracts-depend-on-nothing',
        'domain-kernel-is-framework-free',
      ]) {
        expect(result.output).toContain(rule);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('let deciders import the deadline library and catch the library importing anything but the domain kernel', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arch-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: {
            '@app/deadlines': ['libs/deadlines/src'],
            '@app/domain': ['libs/domain/src'],
            '@app/eventstore': ['libs/eventstore/src'],
          },
        },
      }),
      'apps/alpha/src/tasks/task.decider.ts': `import { dueDate } from '@app/deadlines';\nexport const d = dueDate;\n`,
      'libs/deadlines/src/index.ts': `import { rule } from '@app/domain';\nimport { readFileSync } from 'node:fs';\nimport { Kafka } from 'kafkajs';\nimport { x } from '@app/eventstore';\nexport const dueDate = [rule, readFileSync, Kafka, x];\n`,
      'libs/domain/src/index.ts': 'export const rule = 1;\n',
      'libs/eventstore/src/index.ts': 'export const x = 1;\n',
    };
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const result = cruise(dir);
      expect(result.status).not.toBe(0);
      const violations = result.output.split('\n').filter((line) => line.includes('deadlines-depend-only-on-the-domain-kernel'));
      expect(violations.join('\n')).toMatch(/→ (node:)?fs$/m);
      expect(violations.join('\n')).toContain('kafkajs');
      expect(violations.join('\n')).toContain('libs/eventstore/src/index.ts');
      expect(violations.join('\n')).not.toContain('libs/domain/src/index.ts');
      expect(result.output).not.toContain('deciders-use-only-the-domain-kernel');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('let deciders import the sign-off rules and catch the library importing a framework or a library other than domain and crypto', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arch-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: { '@app/signoffs': ['libs/signoffs/src'], '@app/crypto': ['libs/crypto/src'], '@app/eventstore': ['libs/eventstore/src'] },
        },
      }),
      'apps/alpha/src/replies/reply.decider.ts': `import { requireKeyValid } from '@app/signoffs';\nexport const d = requireKeyValid;\n`,
      'libs/signoffs/src/index.ts': `import { hash } from '@app/crypto';\nimport { Injectable } from '@nestjs/common';\nimport { x } from '@app/eventstore';\nexport const requireKeyValid = [hash, Injectable, x];\n`,
      'libs/crypto/src/index.ts': 'export const hash = 1;\n',
      'libs/eventstore/src/index.ts': 'export const x = 1;\n',
    };
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const result = cruise(dir);
      expect(result.status).not.toBe(0);
      const violations = result.output.split('\n').filter((line) => line.includes('signoffs-depend-only-on-domain-and-crypto'));
      expect(violations.join('\n')).toContain('@nestjs');
      expect(violations.join('\n')).toContain('libs/eventstore/src/index.ts');
      expect(violations.join('\n')).not.toContain('libs/crypto/src/index.ts');
      expect(result.output).not.toContain('deciders-use-only-the-domain-kernel');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
