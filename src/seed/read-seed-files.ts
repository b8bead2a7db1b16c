/**
 * Reads seed files (JSON Lines) and validates each line against its file's
 * schema, reporting every problem with file and line. Nothing here writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { ErrorDetail } from '../errors';
import type { Located } from '../model/integrity';
import { RECORD_FILES, validateRecord } from '../model/schemas';
import type { RecordFile } from '../model/records';

export interface SeedFiles {
  records: Map<RecordFile, Located<Record<string, unknown>>[]>;
  problems: ErrorDetail[];
  files: string[];
}

/** Every `<kind>.jsonl` in `dir` and its subfolders (e.g. generated/), grouped by kind. */
/** A path as a person reads it: relative to `root` when inside it, else absolute. */
function shownPath(path: string, root: string): string {
  const rel = relative(root, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

export function readSeedDirectory(dir: string, root = process.cwd()): SeedFiles {
  const result: SeedFiles = { records: new Map(RECORD_FILES.map((f) => [f, []])), problems: [], files: [] };
  if (!existsSync(dir)) {
    result.problems.push({ path: shownPath(dir, root), message: 'seed folder does not exist' });
    return result;
  }
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.jsonl') ? [join(d, e.name)] : []));
  for (const path of walk(dir)) {
    const shown = shownPath(path, root);
    const kind = RECORD_FILES.find((f) => path.endsWith(`/${f}.jsonl`));
    if (!kind) {
      result.problems.push({ path: shown, message: `unknown seed file; expected one of ${RECORD_FILES.map((f) => `${f}.jsonl`).join(', ')}` });
      continue;
    }
    result.files.push(shown);
    readJsonLines(readFileSync(path, 'utf8'), shown, kind, result);
  }
  return result;
}

export function readJsonLines(text: string, shown: string, kind: RecordFile, into: SeedFiles): void {
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const at = `${shown}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      into.problems.push({ path: at, message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    const problems = validateRecord(kind, value, at);
    if (problems.length > 0) into.problems.push(...problems);
    else into.records.get(kind)!.push({ record: value as Record<string, unknown>, at });
  });
}
