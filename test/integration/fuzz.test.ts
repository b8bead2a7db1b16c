/**
 * Property-based fuzzing (fast-check) of every mutation and every analysis
 * field, derived from the schema: each field's arguments are generated from
 * their types, valid-shaped with wild values (probabilities of 7, negative
 * runs, huge strings, unknown ids, unicode, empty and very long lists, values
 * of the wrong type). For every case: no HTTP 500, no INTERNAL_SERVER_ERROR,
 * the server still answers, and a rejected mutation changed nothing stored
 * (the write version and a checksum of every node and relationship).
 *
 * Writes that happen to be valid do land; the database is reset to the seed
 * afterwards. A field whose arguments use a type with no generator fails the test.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  Kind,
} from 'graphql';
import type { GraphQLField, GraphQLInputType, GraphQLOutputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../graph-schema/vocabulary';
import type { Role } from '../../graph-schema/vocabulary';
import { buildSchema } from '../../src/api/schema';
import { rawRequest, resetDatabase, startTestApi } from './db';
import type { TestApi } from './db';

const RUNS_PER_FIELD = Number(process.env.LINCHPIN_FUZZ_RUNS ?? 8);
const SEED = Number(process.env.LINCHPIN_FUZZ_SEED ?? Date.now() % 2_147_483_647);

let api: TestApi;
let cases = 0;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  console.log(`fuzz: ${cases} cases (${RUNS_PER_FIELD} per field, seed ${SEED}; rerun with LINCHPIN_FUZZ_SEED=${SEED})`);
  await resetDatabase(api.db);
  await api.close();
});

const schema = buildSchema();

/** The role a field requires (its @auth), for picking the analysis fields. */
function roleOf(field: GraphQLField<unknown, unknown>): Role | null {
  const auth = field.astNode?.directives?.find((d) => d.name.value === 'auth');
  const arg = auth?.arguments?.find((a) => a.name.value === 'requires');
  return arg && arg.value.kind === Kind.ENUM ? (arg.value.value as Role) : null;
}

const analysisRank = ROLES.indexOf('PLANNER');
const mutationFields = Object.values(schema.getMutationType()!.getFields());
const analysisFields = Object.values(schema.getQueryType()!.getFields()).filter((f) => {
  const role = roleOf(f);
  return role !== null && ROLES.indexOf(role) >= analysisRank;
});

// Ids: real ones (so that valid paths run), fuzz-only ones, unknown and malformed ones.
const REAL_IDS = ['prov:microsoft', 'prov:akamai', 'fac:amsix-ams', 'svc:akamai-cdn', 'fn:al-banking', 'fn:ee-health', 'inc:fastly-2021', 'NL', 'EE'];
const FUZZ_IDS = ['prov:fz-a', 'fac:fz-a', 'svc:fz-a', 'fn:fz-a', 'inc:fz-a', 'dep:fz-a', 'ZZ'];
const BAD_IDS = ['', ' ', 'prov:', 'Bad Id', 'prov:x'.repeat(40), 'dep:../../etc', "prov:a' OR 1=1 //", '\u0000', '🦀', 'fn:%00'];
/** Target ids of updates and deletes never name a seed record, so that the seed survives the run. */
const TARGET_ARGS = new Set(['id', 'ids', 'a', 'b', 'scenario']);

const wildString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', 'x'.repeat(301), 'y'.repeat(10_001), '🦀'.repeat(200), "'; MATCH (n) DETACH DELETE n //", '<script>alert(1)</script>', '2026-13-45', 'https://example.org/s') },
);
const wildInt = fc.oneof(
  fc.integer({ min: -3, max: 60 }),
  fc.constantFrom(-1, 0, 1, 7, -2_147_483_648, 2_147_483_647, 20_001, 100_001, 5001),
);
const wildFloat = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -2, max: 30 }),
  fc.constantFrom(7, -1, 0, -0, 0.5, 1, 1.0000001, 1e308, -1e308, 5e-324, 24, 4_294_967_296),
);
/** A value of the wrong JSON type for any scalar: a string that looks like NaN, an object, a list, a boolean. */
const wrongType = fc.constantFrom<unknown>('NaN', 'Infinity', {}, [1], true, Number.POSITIVE_INFINITY /* sent as JSON null */);

const SCALARS: Record<string, (arg: string, target: boolean) => fc.Arbitrary<unknown>> = {
  ID: (_arg, target) => fc.oneof(fc.constantFrom(...(target ? FUZZ_IDS : [...REAL_IDS, ...FUZZ_IDS])), fc.constantFrom(...BAD_IDS)),
  String: () => wildString,
  Int: () => wildInt,
  Float: () => wildFloat,
  Boolean: () => fc.boolean(),
};

/** An arbitrary for a value of `type`; `arg` is the top-level argument it sits under. */
function valueOf(type: GraphQLInputType, arg: string, depth = 0): fc.Arbitrary<unknown> {
  const t = getNullableType(type);
  const nullable = !isNonNullType(type);
  let arb: fc.Arbitrary<unknown>;
  if (isListType(t)) {
    const item = valueOf(t.ofType, arg, depth + 1);
    arb = fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: item.map((v) => Array.from({ length: 1001 }, () => v)) },
    );
  } else if (isInputObjectType(t)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(t.getFields());
    const model = Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, arg, depth + 1)]));
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    arb = fc.oneof(
      { weight: 8, arbitrary: fc.record(model, { requiredKeys: required }) },
      { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
    );
  } else if (isEnumType(t)) {
    arb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...t.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') });
  } else if (isScalarType(t)) {
    const scalar = SCALARS[t.name];
    if (!scalar) throw new Error(`fuzz: no generator for scalar ${t.name} (argument ${arg}); add one to SCALARS`);
    arb = scalar(arg, TARGET_ARGS.has(arg));
  } else {
    throw new Error(`fuzz: no generator for input type ${String(t)}`);
  }
  const withWrong = depth > 0 && isLeafType(t) ? fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: wrongType }) : arb;
  return nullable ? fc.option(withWrong, { nil: null, freq: 8 }) : withWrong;
}

/** A selection of the scalar fields of `type` (objects: their __typename), enough to run its resolvers. */
function selectionOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  if (isObjectType(named) || isInterfaceType(named)) {
    const leaves = Object.values(named.getFields())
      .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
      .map((f) => (isLeafType(getNamedType(f.type)) ? f.name : `${f.name} { __typename }`));
    return `{ __typename ${leaves.join(' ')} }`;
  }
  throw new Error(`fuzz: cannot select ${String(named)}`);
}

function documentOf(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${operation} Fuzz${vars ? `(${vars})` : ''} { f: ${field.name}${args ? `(${args})` : ''} ${selectionOf(field.type)} }`;
}

async function storedChecksum(): Promise<string> {
  const rows = await api.db.read((tx) =>
    tx.run(`MATCH (n) OPTIONAL MATCH (n)-[r]->(m)
            WITH n, r, m ORDER BY elementId(n), elementId(r)
            RETURN collect([properties(n), type(r), properties(r), m.id]) AS all`),
  );
  return createHash('sha256').update(JSON.stringify(rows[0]?.all ?? [])).digest('hex');
}

async function version(): Promise<number> {
  const res = await api.gql<{ graphStats: { version: number } }>('{ graphStats { version } }');
  return res.data!.graphStats.version;
}

interface Outcome {
  status: number;
  errors: { message: string; extensions?: { code?: string } }[];
  data: { f?: unknown } | null | undefined;
}

async function send(query: string, variables: Record<string, unknown>): Promise<Outcome> {
  const res = await rawRequest(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const json = JSON.parse(res.text) as { errors?: Outcome['errors']; data?: Outcome['data'] };
  return { status: res.status, errors: json.errors ?? [], data: json.data };
}

/** Cancels jobs a valid stressTest started, so that the run stays short. */
async function cancelIfJob(field: string, outcome: Outcome): Promise<void> {
  const job = outcome.data?.f as { id?: string } | undefined;
  if (field === 'stressTest' && job?.id) await api.gql('mutation($id: ID!) { cancelJob(id: $id) { id } }', { id: job.id });
}

describe('fuzzing derived from the schema', () => {
  it('finds every mutation and the analysis fields, each with a generator', () => {
    expect(mutationFields.length).toBeGreaterThan(20);
    expect(analysisFields.map((f) => f.name)).toEqual(expect.arrayContaining(['blastRadius', 'mitigate', 'suggestMitigations', 'backtest']));
    for (const f of [...mutationFields, ...analysisFields]) for (const a of f.args) expect(() => valueOf(a.type, a.name)).not.toThrow();
  });

  const fields: ['query' | 'mutation', GraphQLField<unknown, unknown>][] = [
    ...analysisFields.map((f) => ['query', f] as ['query', GraphQLField<unknown, unknown>]),
    ...mutationFields.map((f) => ['mutation', f] as ['mutation', GraphQLField<unknown, unknown>]),
  ];

  it.each(fields.map(([op, f]) => [`${op} ${f.name}`, op, f] as const))('%s: no 500, no internal error, nothing changed on rejection', async (_name, op, field) => {
    const query = documentOf(op, field);
    const args = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueOf(a.type, a.name)])), { requiredKeys: [] });
    // The driver moves the write version in every transaction that changed anything: a rejected case must
    // leave it where it was. The content checksum is compared over the field's run, from the last accepted write.
    let baseline = op === 'mutation' ? { version: await version(), sum: await storedChecksum() } : null;
    await fc.assert(
      fc.asyncProperty(args, async (variables) => {
        cases++;
        const before = baseline ? await version() : null;
        const outcome = await send(query, variables);
        expect(outcome.status, JSON.stringify(variables).slice(0, 300)).not.toBe(500);
        const internal = outcome.errors.filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === undefined);
        expect(internal, JSON.stringify(variables).slice(0, 300)).toEqual([]);
        for (const e of outcome.errors) expect(e.message.length).toBeLessThanOrEqual(700);
        await cancelIfJob(field.name, outcome);
        if (baseline && before !== null) {
          const after = await version();
          if (outcome.errors.length > 0 && (outcome.data?.f ?? null) === null) {
            expect(after, `${field.name} was rejected yet the version moved: ${JSON.stringify(variables).slice(0, 300)}`).toBe(before);
          } else if (after !== before) {
            baseline = { version: after, sum: await storedChecksum() };
          }
        }
      }),
      { numRuns: RUNS_PER_FIELD, seed: SEED + field.name.length, endOnFailure: true },
    );
    if (baseline && (await version()) === baseline.version) {
      expect(await storedChecksum(), `${field.name}: rejected cases changed stored data`).toBe(baseline.sum);
    }
  });

  it('leaves the server up and answering', async () => {
    expect((await api.http('/health')).status).toBe(200);
    expect(await version()).toBeGreaterThan(0);
  });
});
