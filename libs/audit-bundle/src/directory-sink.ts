import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes bundle files under `directory` (the layout the verifier reads). */
export function directorySink(directory: string): { file(name: string, content: Buffer): void } {
  return {
    file(name, content) {
      const path = join(directory, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    },
  };
}
