/**
 * The limits let every real operation through: each operation of the web
 * app and of docs/examples passes graphql-armor's rules and stays within the
 * field and analysis budgets on a graph of the seed's size; the queries that
 * froze the server do not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Kind, parse, validate } from 'graphql';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { armorProtection, LIMITS } from './limits';
import { fragmentsOf } from './operation-walk';
import { checkCost, operationCost } from './query-cost';
import { buildSchema } from './schema';

const schema = buildSchema();
/** The seed graph's order of size (test/integration/global-setup loads 785 nodes, 4,418 dependencies). */
const graph = { nodes: 785, dependencies: 4418 };

function documents(dir: string, withFragments = ''): { name: string; doc: DocumentNode }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => {
      const text = readFileSync(`${dir}${f}`, 'utf8');
      return { name: f, doc: parse(text.includes('fragment ') ? text : `${text}\n${withFragments}`) };
    });
}

const webDir = 'web/src/api/operations/';
const webFragments = readdirSync(webDir)
  .map((f) => readFileSync(`${webDir}${f}`, 'utf8'))
  .filter((t) => t.includes('fragment '))
  .join('\n');
const all = [...documents(webDir, webFragments), ...documents('docs/examples/')];

const costOf = (doc: DocumentNode, variables: Record<string, unknown> = {}) =>
  doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map((operation) =>
    operationCost({ schema, operation, fragments: fragmentsOf(doc.definitions), variables, graph }),
  );

describe('limits against the real operations', () => {
  it('passes every web and example operation through the armor rules', () => {
    const { validationRules } = armorProtection();
    expect(all.length).toBeGreaterThan(10);
    for (const { name, doc } of all) {
      // Unused fragments are fine here: each file's operations share the fragments file.
      const errors = validate(schema, doc, validationRules).filter((e) => !/is never used|Unknown fragment/.test(e.message));
      expect(errors.map((e) => e.message), name).toEqual([]);
    }
  });

  it('keeps every web and example operation within the field and analysis budgets', () => {
    let maxField = 0;
    for (const { name, doc } of all) {
      for (const cost of costOf(doc)) {
        expect(() => checkCost(cost), name).not.toThrow();
        maxField = Math.max(maxField, cost.fieldCost);
      }
    }
    console.log(`query-cost: costliest real operation resolves ~${maxField} fields (budget ${LIMITS.maxFieldCost})`);
    expect(maxField).toBeGreaterThan(1000);
  });

  it('prices nested pages by their product, and COMPROMISE runs by runs × dependencies', () => {
    const nested = parse('{ countries(first: 5000) { nodes { providers { facilities { countries { id } } } } } }');
    const [c] = costOf(nested);
    // countries 1, nodes 5000, providers 5000×25, facilities ×25, countries ×25, and one id per country.
    expect(c!.fieldCost).toBe(1 + 5000 + 5000 * 25 + 5000 * 25 ** 2 + 5000 * 25 ** 3 + 5000 * 25 ** 3);
    expect(() => checkCost(c!)).toThrow(/field cost/);
    const blast = parse('query($r: Int) { blastRadius(input: { origins: ["prov:x"], mode: COMPROMISE, runs: $r }) { snapshotVersion } }');
    expect(costOf(blast, { r: 20_000 })[0]!.analyses).toEqual([{ path: 'blastRadius', coordinate: 'Query.blastRadius', cost: 20_000 * 4418 }]);
    expect(costOf(blast, { r: 3 })[0]!.analysisCost).toBe(3 * 4418);
  });
});
