/**
 * Record validation against the declared seed format (seed/schema/*.schema.json,
 * JSON Schema 2020-12). The seed loader and the mutations share it, so a record
 * is valid in one place exactly when it is valid in the other.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ErrorDetail } from '../errors';
import { FILE_OF_KIND } from './records';
import type { RecordFile } from './records';

const SCHEMA_DIR = new URL('../../seed/schema/', import.meta.url);

export const RECORD_FILES = Object.values(FILE_OF_KIND) as RecordFile[];

let validators: Map<RecordFile, ValidateFunction> | undefined;

function load(): Map<RecordFile, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  validators = new Map();
  for (const file of RECORD_FILES) {
    const path = fileURLToPath(new URL(`${file}.schema.json`, SCHEMA_DIR));
    validators.set(file, ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object));
  }
  return validators;
}

export function schemaPath(file: RecordFile): string {
  return fileURLToPath(new URL(`${file}.schema.json`, SCHEMA_DIR));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'record';
  switch (error.keyword) {
    case 'required':
      return `missing required field '${String(error.params.missingProperty)}'`;
    case 'additionalProperties':
      return `unknown field '${String(error.params.additionalProperty)}'`;
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** Problems of one record against its file's schema; `at` prefixes each (e.g. `file:line`). */
export function validateRecord(file: RecordFile, value: unknown, at: string): ErrorDetail[] {
  const validate = load().get(file);
  if (!validate) throw new Error(`no schema for ${file}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({ path: at, message: describe(e) }));
}

function allowsNull(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  const s = schema as { type?: unknown; enum?: unknown[]; anyOf?: unknown[]; oneOf?: unknown[] };
  if (s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null'))) return true;
  if (Array.isArray(s.enum) && s.enum.includes(null)) return true;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(allowsNull);
}

const nullable = new Map<RecordFile, Set<string>>();

/** Fields a record may hold as an explicit null, as the file's schema declares. */
export function nullableFields(file: RecordFile): ReadonlySet<string> {
  let set = nullable.get(file);
  if (!set) {
    const schema = JSON.parse(readFileSync(schemaPath(file), 'utf8')) as { properties: Record<string, unknown> };
    set = new Set(Object.entries(schema.properties).filter(([, v]) => allowsNull(v)).map(([k]) => k));
    nullable.set(file, set);
  }
  return set;
}
