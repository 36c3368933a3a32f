import type { MigrationInterface } from 'typeorm';
import { composeFeatures } from './service-feature';

class Lists1764900000002 implements MigrationInterface {
  async up() {}
  async down() {}
}
class Evidence1764900000000 implements MigrationInterface {
  async up() {}
  async down() {}
}
class Unnumbered implements MigrationInterface {
  async up() {}
  async down() {}
}
const folder = { initialState: () => ({}), evolve: (state: never) => state };

describe('service features composed into one service', () => {
  test('parts are merged; migrations run in timestamp order whatever order the features are listed in', () => {
    const composed = composeFeatures([
      { migrations: [Lists1764900000002], streamFolders: { 'list-': folder } },
      { migrations: [Evidence1764900000000], streamFolders: { 'task-': folder } },
    ]);
    expect(composed.migrations).toEqual([Evidence1764900000000, Lists1764900000002]);
    expect(Object.keys(composed.streamFolders)).toEqual(['list-', 'task-']);
    expect(composed.controllers).toEqual([]);
  });

  test('two features folding the same stream prefix, or a migration without its timestamp, are refused at boot', () => {
    expect(() => composeFeatures([{ streamFolders: { 'list-': folder } }, { streamFolders: { 'list-': folder } }])).toThrow(/prefix list-/);
    expect(() => composeFeatures([{ migrations: [Unnumbered] }])).toThrow(/13-digit timestamp/);
  });
});
