/** Option checks shared by the propagation algorithms (internal; each pushes problems to a list). */
import type { PropagationGraph } from './types';

/** A value as it should appear in an error message (JSON where possible). */
export function showValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return typeof value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value; // e.g. a cyclic object
  }
}

export function isNodeIndex(g: PropagationGraph, v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < g.n;
}

/** Checks an array of node indices; returns them deduplicated and ascending. */
export function checkNodeList(g: PropagationGraph, list: unknown, name: string, problems: string[]): number[] {
  if (!Array.isArray(list)) {
    problems.push(`${name}: must be an array of node indices`);
    return [];
  }
  const seen = new Set<number>();
  list.forEach((v: unknown, i) => {
    if (!isNodeIndex(g, v)) problems.push(`${name}[${i}]: not a node index in 0..${g.n - 1}, got ${showValue(v)}`);
    else seen.add(v);
  });
  return [...seen].sort((a, b) => a - b);
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, problems: string[]): value is T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
  problems.push(`${name}: must be one of ${allowed.join(', ')}, got ${showValue(value)}`);
  return false;
}

export function isGraph(g: unknown): g is PropagationGraph {
  if (g === null || typeof g !== 'object') return false;
  const c = g as Partial<PropagationGraph>;
  return typeof c.n === 'number' && typeof c.m === 'number' && c.bySupplierOffsets instanceof Int32Array && c.edgeGroup instanceof Int32Array;
}

/** Throws-free check that `g` looks like a built `PropagationGraph`. */
export function checkGraph(g: unknown, problems: string[]): g is PropagationGraph {
  if (isGraph(g)) return true;
  problems.push('g: must be a PropagationGraph built by buildPropagationGraph');
  return false;
}
