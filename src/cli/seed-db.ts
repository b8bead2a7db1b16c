/**
 * Brings a database to a usable state: constraints and indexes applied, and
 * the seed data loaded (always with `force`, else only into an empty graph).
 */
import { fileURLToPath } from 'node:url';
import type { GraphDb } from '../store/driver';
import { graphIsEmpty } from '../store/graph-queries';
import { applySchema } from '../store/schema';
import { loadSeed } from '../seed/load-seed';
import type { SeedLoadResult } from '../seed/load-seed';

export const SEED_DIR = fileURLToPath(new URL('../../seed/data/', import.meta.url));

export function isEmpty(db: GraphDb): Promise<boolean> {
  return db.read(graphIsEmpty);
}

export async function prepareDatabase(
  db: GraphDb,
  opts: { seed: 'always' | 'if-empty' | 'never'; seedDir?: string },
): Promise<SeedLoadResult | null> {
  await applySchema(db);
  if (opts.seed === 'never') return null;
  if (opts.seed === 'if-empty' && !(await isEmpty(db))) return null;
  return loadSeed(db, opts.seedDir ?? SEED_DIR);
}

export function describeLoad(result: SeedLoadResult): string {
  const lines = result.counts.map(
    (c) => `  ${c.kind.padEnd(17)} ${String(c.inFiles).padStart(5)} in files: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.retired ? `, ${c.retired} old generated rows retired` : ''}`,
  );
  return [`seed: ${result.files.length} files, version ${result.version}${result.changed ? '' : ' (nothing changed)'}`, ...lines].join('\n');
}
