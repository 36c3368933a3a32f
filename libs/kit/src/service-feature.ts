import type { Provider, Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import type { Projection, StreamFolders } from '@app/eventstore';

/**
 * What one feature folder of a service contributes (an aggregate with its handlers, read model and
 * routes), declared beside its code so that the service module only lists features. Migrations of
 * every feature run in the order of their timestamps, whatever order features are listed in.
 */
export interface ServiceFeature {
  readonly controllers?: readonly Type[];
  readonly providers?: readonly Provider[];
  readonly projections?: readonly Projection[];
  readonly entities?: readonly Type[];
  readonly migrations?: readonly Type<MigrationInterface>[];
  readonly streamFolders?: StreamFolders;
}

/** The features of a service, merged into what `ServiceKitModule.forService` and the root module take. */
export function composeFeatures(features: readonly ServiceFeature[]) {
  const all = <T>(pick: (feature: ServiceFeature) => readonly T[] | undefined): T[] => features.flatMap((feature) => pick(feature) ?? []);
  const streamFolders: Record<string, StreamFolders[string]> = {};
  for (const feature of features) {
    for (const [prefix, folder] of Object.entries(feature.streamFolders ?? {})) {
      if (prefix in streamFolders) throw new Error(`two features fold streams with the prefix ${prefix}`);
      streamFolders[prefix] = folder;
    }
  }
  const migrations = all((feature) => feature.migrations)
    .map((migration) => ({ migration, time: migrationTime(migration) }))
    .sort((a, b) => a.time - b.time)
    .map(({ migration }) => migration);
  return {
    controllers: all((feature) => feature.controllers),
    providers: all((feature) => feature.providers),
    projections: all((feature) => feature.projections),
    entities: all((feature) => feature.entities),
    migrations,
    streamFolders,
  };
}

function migrationTime(migration: Type<MigrationInterface>): number {
  const match = /(\d{13})$/.exec(migration.name);
  if (!match) throw new Error(`migration class ${migration.name} must end with its 13-digit timestamp`);
  return Number(match[1]);
}
