/** Helpers shared by the centrality unit tests (not part of the public API). */
import { expect } from 'vitest';
import { buildCsr, type Csr, type EdgeInput } from '../csr';
import { AnalysisInputError } from '../errors';

/**
 * A tiny graph from a spec such as `'a>b b>c c-d'`: `>` is an arc, `-` an undirected edge
 * (both arcs), `a>b:2.5` a weighted arc. Nodes are numbered in order of first appearance;
 * extra isolated nodes can be listed in `isolated`.
 */
export function tiny(spec: string, isolated: string[] = []): Csr {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const id = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = ids.length;
      ids.push(name);
      index.set(name, i);
    }
    return i;
  };
  const arcs: EdgeInput[] = [];
  for (const token of spec.split(/\s+/).filter(Boolean)) {
    const m = /^([^>\-:]+)([>-])([^>\-:]+)(?::(.+))?$/.exec(token);
    if (!m) throw new Error(`bad token ${token}`);
    const [, a, kind, b, w] = m;
    const s = id(a!);
    const t = id(b!);
    const push = (x: number, y: number): void => {
      arcs.push(w === undefined ? [x, y] : [x, y, Number(w)]);
    };
    push(s, t);
    if (kind === '-' && s !== t) push(t, s);
  }
  for (const name of isolated) id(name);
  return buildCsr(ids, arcs);
}

/** Value of node `name` in an array indexed like `csr.ids`. */
export function at(csr: Csr, values: ArrayLike<number>, name: string): number {
  const i = csr.ids.indexOf(name);
  if (i < 0) throw new Error(`no node ${name}`);
  return values[i]!;
}

export function byName(csr: Csr, values: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(csr.ids.map((id, i) => [id, values[i]!]));
}

export function expectInvalid(f: () => unknown, argument: string): void {
  let thrown: unknown;
  try {
    f();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected AnalysisInputError for ${argument}`).toBeInstanceOf(AnalysisInputError);
  expect((thrown as AnalysisInputError).argument).toBe(argument);
}

/** An object that is not a valid Csr (ids/n mismatch), to check validation comes first. */
export const BROKEN_CSR = { n: 2, ids: ['a'] } as unknown as Csr;
