/**
 * The seed loader: validates every file before writing anything, then writes
 * what differs from the database in ONE transaction (batched UNWIND, MERGE on
 * ids). Loading twice changes nothing (not even the version counter); a failed
 * load rolls back and leaves the database exactly as it was.
 */
import { LOCAL_CALLER } from '../auth/caller';
import { ValidationError } from '../errors';
import { appendAudit } from '../store/audit';
import { comparableRecord } from '../model/compare';
import { checkIntegrity } from '../model/integrity';
import type { Located } from '../model/integrity';
import { FILE_OF_KIND } from '../model/records';
import type { DependencyRecord, NodeRecord } from '../model/records';
import { NODE_KINDS } from '../../graph-schema/vocabulary';
import type { NodeKind } from '../../graph-schema/vocabulary';
import type { GraphDb, Tx } from '../store/driver';
import {
  deleteDependencies,
  groupProblems,
  readDependencyRecords,
  readKinds,
  readNodeRecords,
  upsertDependencies,
  upsertNodes,
} from '../store/records';
import { readSeedDirectory } from './read-seed-files';

/** The `source` every row of the illustrative generator starts with (seed/generator/rules.ts SOURCE), any version. */
export const GENERATOR_SOURCE_PREFIX = 'Linchpin illustrative generator ';

export interface KindLoadCount {
  kind: NodeKind | 'DependsOn';
  inFiles: number;
  created: number;
  updated: number;
  unchanged: number;
  /** DependsOn only: generated rows stored by an earlier generator run and no longer in the files, deleted. */
  retired?: number;
}

export interface SeedLoadResult {
  files: string[];
  counts: KindLoadCount[];
  version: number;
  changed: boolean;
}

/** Key-order-independent, null-blind comparison of a file record with a stored one (shared with the mutations). */
const comparable = (record: Record<string, unknown>): string => comparableRecord(record);

export interface LoadOptions {
  /**
   * Runs inside the write transaction after every write and before commit.
   * Throwing from it rolls everything back; the tests use it to prove that a
   * load failing at that point leaves no trace.
   */
  beforeCommit?: (tx: Tx) => Promise<void>;
}

export async function loadSeed(db: GraphDb, dir: string, options: LoadOptions = {}): Promise<SeedLoadResult> {
  const files = readSeedDirectory(dir);
  if (files.problems.length > 0) {
    throw new ValidationError(`seed data has ${files.problems.length} problem(s); nothing was written`, files.problems);
  }

  const nodes: Located<Record<string, unknown> & { id: string }>[] = [];
  const nodeKinds = new Map<string, NodeKind>();
  for (const kind of NODE_KINDS) {
    for (const item of files.records.get(FILE_OF_KIND[kind])!) {
      const located = item as Located<Record<string, unknown> & { id: string }>;
      nodes.push(located);
      if (!nodeKinds.has(located.record.id)) nodeKinds.set(located.record.id, kind);
    }
  }
  const dependencies = files.records.get('dependencies')! as unknown as Located<DependencyRecord>[];

  const outcome = await db.write(async (tx) => {
    const storedKinds = await readKinds(tx);
    for (const id of nodeKinds.keys()) if (storedKinds.get(id) === nodeKinds.get(id)) storedKinds.delete(id);
    // Rows an earlier run of the illustrative generator wrote and the files no longer hold are
    // retired (deleted): a changed generator must not leave its old assumptions behind. Anything
    // else stored (public record, users' own edges) is never touched by the loader.
    const inFiles = new Set(dependencies.map((d) => d.record.id));
    const allStored = await readDependencyRecords(tx);
    const retired = allStored.filter((d) => d.illustrative && d.source.startsWith(GENERATOR_SOURCE_PREFIX) && !inFiles.has(d.id));
    const retiredIds = new Set(retired.map((d) => d.id));
    const storedDependencies = allStored.filter((d) => !retiredIds.has(d.id));
    const problems = checkIntegrity({ nodes, nodeKinds, dependencies, storedKinds, storedDependencies });
    if (problems.length > 0) {
      throw new ValidationError(`seed data has ${problems.length} problem(s); nothing was written`, problems);
    }

    const counts: KindLoadCount[] = [];
    for (const kind of NODE_KINDS) {
      const inFiles = files.records.get(FILE_OF_KIND[kind])!.map((l) => l.record as unknown as NodeRecord);
      const stored = new Map(
        (await readNodeRecords(tx, kind)).map((r) => [r.id, comparable(r as unknown as Record<string, unknown>)]),
      );
      const changed = inFiles.filter((r) => stored.get(r.id) !== comparable(r as unknown as Record<string, unknown>));
      const created = changed.filter((r) => !stored.has(r.id)).length;
      counts.push({ kind, inFiles: inFiles.length, created, updated: changed.length - created, unchanged: inFiles.length - changed.length });
      await upsertNodes(tx, kind, changed);
    }

    const storedDeps = new Map(
      storedDependencies.map((d) => [d.id, comparable(d as unknown as Record<string, unknown>)]),
    );
    const changedDeps = dependencies
      .map((d) => d.record)
      .filter((d) => storedDeps.get(d.id) !== comparable(d as unknown as Record<string, unknown>));
    const created = changedDeps.filter((d) => !storedDeps.has(d.id)).length;
    counts.push({
      kind: 'DependsOn',
      inFiles: dependencies.length,
      created,
      updated: changedDeps.length - created,
      unchanged: dependencies.length - changedDeps.length,
      retired: retired.length,
    });
    if ((await deleteDependencies(tx, [...retiredIds])) !== retired.length) {
      throw new ValidationError(`could not retire ${retired.length} old generated dependencies; nothing was kept`);
    }
    const written = await upsertDependencies(tx, changedDeps);
    if (written !== changedDeps.length) {
      throw new ValidationError(`only ${written} of ${changedDeps.length} dependencies could be written; nothing was kept`);
    }
    const groupIssues = await groupProblems(tx, [...new Set([...changedDeps, ...retired].map((d) => d.dependent))]);
    if (groupIssues.length > 0) {
      throw new ValidationError(
        `seed data breaks ${groupIssues.length} redundancy group rule(s); nothing was written`,
        groupIssues.map((message) => ({ message })),
      );
    }
    await appendAudit(tx, [
      {
        actor: LOCAL_CALLER.id,
        actorOrganisation: LOCAL_CALLER.organisation,
        action: 'seed.load',
        target: null,
        before: null,
        after: { files: files.files, counts },
        detail: counts.map((c) => `${c.kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.retired ? `, ${c.retired} retired` : ''}`).join('; '),
      },
    ]);
    await options.beforeCommit?.(tx);
    return counts;
  }, { bulk: true });

  return { files: files.files, counts: outcome.value, version: outcome.version, changed: outcome.changed };
}
