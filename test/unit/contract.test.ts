/**
 * The contract holds together: every SDL type and field is described, seed
 * schemas use the vocabulary's enums, the generated seed rows are what the
 * committed generator produces, and no Cypher in the code names a label or
 * relationship type outside the vocabulary.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_KEYS,
  CONFIDENCE_LEVELS,
  DEPENDENCY_TYPES,
  ACCESS_LABELS,
  ENTITY_LABEL,
  FACILITY_KINDS,
  META_LABEL,
  NODE_KINDS,
  PROVIDER_KINDS,
  REL,
  SECTOR_KEYS,
  SERVICE_KINDS,
  TLP_LEVELS,
} from '../../graph-schema/vocabulary';
import { buildSchema } from '../../src/api/schema';
import { generateIllustrative, loadFacts, renderIllustrative, GENERATED_DIR } from '../../seed/generator/generate';

describe('GraphQL SDL', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    const schema = buildSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (['Query', 'Mutation'].includes(type.name) === false && !type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) {
            if (!arg.description) {
              missing.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type) && !['NodeKind', 'ProviderKind', 'FacilityKind', 'ServiceKind', 'CisaSector', 'DependencyType', 'Confidence', 'Tlp', 'PropagationMode', 'OutageRule', 'CompromiseEffect'].includes(type.name)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('seed schemas', () => {
  const schema = (file: string) =>
    JSON.parse(readFileSync(`seed/schema/${file}.schema.json`, 'utf8')) as { properties: Record<string, { enum?: unknown[] }> };
  const enumOf = (file: string, key: string) => schema(file).properties[key]!.enum;

  it('use exactly the vocabulary’s enums', () => {
    expect(enumOf('providers', 'kind')).toEqual([...PROVIDER_KINDS]);
    expect(enumOf('facilities', 'kind')).toEqual([...FACILITY_KINDS]);
    expect(enumOf('services', 'kind')).toEqual([...SERVICE_KINDS]);
    expect(enumOf('functions', 'sector')).toEqual([...SECTOR_KEYS]);
    expect(enumOf('dependencies', 'type')).toEqual([...DEPENDENCY_TYPES]);
    expect(enumOf('dependencies', 'channel')).toEqual([...CHANNEL_KEYS]);
    for (const file of ['countries', 'providers', 'facilities', 'services', 'functions', 'incidents', 'dependencies']) {
      expect(enumOf(file, 'confidence'), file).toEqual([...CONFIDENCE_LEVELS]);
      expect(enumOf(file, 'tlp'), file).toEqual([...TLP_LEVELS]);
    }
  });

  it('the committed illustrative rows are exactly what the seeded generator produces', () => {
    const rendered = renderIllustrative(generateIllustrative(loadFacts()));
    for (const [file, content] of Object.entries(rendered)) {
      expect(readFileSync(join(GENERATED_DIR, file), 'utf8') === content, `seed/data/generated/${file} is stale: run npx tsx seed/generator/generate.ts`).toBe(true);
    }
  });
});

describe('Cypher in the code', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });
  const labels = new Set<string>([...NODE_KINDS, ENTITY_LABEL, META_LABEL, 'Scenario', ...ACCESS_LABELS]);
  const relTypes = new Set<string>(Object.values(REL));

  it('names only labels and relationship types of the vocabulary', () => {
    const unknown: string[] = [];
    let checked = 0;
    for (const file of [...files('src/store'), ...files('src/services'), ...files('src/cli'), 'graph-schema/constraints.cypher']) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\((?:[a-z]\w*)?((?::[A-Z]\w*)+)/g)) {
        for (const label of m[1]!.split(':').filter(Boolean)) {
          checked++;
          if (!labels.has(label)) unknown.push(`${file}: label ${label}`);
        }
      }
      for (const m of text.matchAll(/\[(?:[a-z]\w*)?:([A-Z_|]+)[\]*\s{]/g)) {
        for (const rel of m[1]!.split('|')) {
          checked++;
          if (!relTypes.has(rel)) unknown.push(`${file}: relationship ${rel}`);
        }
      }
    }
    expect(unknown).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
