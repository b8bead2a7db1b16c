import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderGenerated } from '../../src/cli/codegen';

describe('generated code', () => {
  it('is up to date with graph-schema (run `npm run codegen` when this fails)', async () => {
    const files = await renderGenerated();
    expect([...files.keys()].sort()).toEqual([
      'graph-schema/sdl/vocabulary.graphql',
      'src/generated/operations.ts',
      'src/generated/resolvers.ts',
      'web/src/api/generated.ts',
    ]);
    for (const [path, content] of files) {
      expect(readFileSync(path, 'utf8'), `${path} is stale`).toBe(content);
    }
  }, 60_000);
});
