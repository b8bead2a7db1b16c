import { describe, expect, it } from 'vitest';
import { fragmentsIn, withFragments } from './document';

const SHARED = `
fragment A on Node { id ...B }

fragment B on Node { name }

fragment C on Node { kind }
`;

describe('withFragments', () => {
  it('fails on a fragment nobody defines', () => {
    expect(() => withFragments('query Q { node(id: "x") { ...Missing } }', SHARED)).toThrow(/fragment Missing is not defined/);
  });

  it('appends the shared fragments used, transitively, and no others', () => {
    const doc = withFragments('query Q { node(id: "x") { ...A } }', SHARED);
    expect([...fragmentsIn(doc).keys()].sort()).toEqual(['A', 'B']);
  });

  it('does not append a fragment the document defines itself', () => {
    const doc = withFragments('query Q { node(id: "x") { ...B } }\n\nfragment B on Node { id }', SHARED);
    expect(doc.match(/fragment B/g)).toHaveLength(1);
  });

  it('ignores inline fragments', () => {
    expect(withFragments('query Q { node(id: "x") { ... on Provider { id } } }', SHARED)).not.toContain('fragment');
  });
});
