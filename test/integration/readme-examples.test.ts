/**
 * Every GraphQL example in docs/examples (the README's examples) runs on the
 * seed data without errors and returns data. A dependency created by an example is deleted again.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi } from './db';
import type { TestApi } from './db';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const DIR = 'docs/examples';
const examples = readdirSync(DIR).filter((f) => f.endsWith('.graphql'));

/** True when some list or object in the result holds something. */
function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasContent);
  return value !== null && value !== undefined;
}

describe('docs/examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of examples) {
    it(`${file} runs on the seed data`, async () => {
      const query = readFileSync(`${DIR}/${file}`, 'utf8');
      const varsFile = `${DIR}/${file.replace(/\.graphql$/, '.variables.json')}`;
      const variables = existsSync(varsFile) ? (JSON.parse(readFileSync(varsFile, 'utf8')) as Record<string, unknown>) : {};
      const res = await api.gql<Record<string, unknown>>(query, variables);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      for (const [field, value] of Object.entries(res.data!)) expect(hasContent(value), `${file}: ${field} is empty`).toBe(true);
      if ('createDependency' in res.data!) {
        const created = res.data.createDependency as { id: string };
        const undo = await api.gql(`mutation($id: ID!) { deleteDependency(id: $id) { id } }`, { id: created.id });
        expect(undo.errors).toBeUndefined();
      }
    });
  }
});
