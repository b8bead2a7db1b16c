/**
 * Dependence footprint
 * ====================
 * [Reference]: reverse reachability by breadth-first search (E. F. Moore, "The
 *   shortest path through a maze", 1959) on the DEPENDS_ON graph.
 * Complexity: O(n + m) time and memory.
 *
 * Which critical functions depend on a provider, facility or service, and in how
 * many member states, sector by sector. A function f depends on v when there is a
 * DEPENDS_ON path from f to v (of any length, through any kinds, redundancy
 * ignored: this is exposure, not failure). For a provider, paths to any facility
 * or service it owns (OPERATES / OFFERS, `g.ownedNodes`) count too; its
 * subsidiaries are providers of their own and do not. Member states are the
 * countries with `natoMember` true; a function's country is `ctx.location`.
 */
import type { Sector } from '../../../graph-schema/vocabulary';
import type { PropagationGraph } from '../propagation/types';
import { AnalysisInputError } from '../errors';
import {
  FACILITY_CODE,
  FUNCTION_CODE,
  PROVIDER_CODE,
  SERVICE_CODE,
  checkNode,
  validateOwnershipContext,
  type OwnershipContext,
} from './ownership';

export interface FootprintSector {
  sector: Sector;
  /** Dependent functions of this sector, anywhere. */
  functions: number;
  importance: number;
  /** Distinct member states among their countries, and their ids (sorted). */
  memberStates: number;
  memberStateIds: string[];
}

export interface DependenceFootprint {
  node: number;
  id: string;
  /** Nodes whose dependents were searched: the node and, for a provider, what it owns. */
  targets: number;
  /** All dependent functions (with or without a sector). */
  functions: number;
  importance: number;
  memberStates: number;
  memberStateIds: string[];
  /** Sectors with at least one dependent function, in `ctx.sectors` order. */
  bySector: FootprintSector[];
}

export function dependenceFootprint(g: PropagationGraph, ctx: OwnershipContext, nodeIndex: number): DependenceFootprint {
  validateOwnershipContext(g, ctx);
  const v = checkNode(g, nodeIndex, 'nodeIndex');
  const kind = g.kind[v]!;
  if (kind !== PROVIDER_CODE && kind !== FACILITY_CODE && kind !== SERVICE_CODE) {
    throw new AnalysisInputError('nodeIndex', `${g.ids[v]} is not a Provider, Facility or Service`);
  }

  const visited = new Uint8Array(g.n);
  const queue = new Int32Array(g.n);
  let head = 0;
  let tail = 0;
  const push = (x: number): void => {
    if (visited[x] === 0) {
      visited[x] = 1;
      queue[tail++] = x;
    }
  };
  push(v);
  if (kind === PROVIDER_CODE) {
    for (let k = g.ownedOffsets[v]!; k < g.ownedOffsets[v + 1]!; k++) push(g.ownedNodes[k]!);
  }
  const targets = tail;
  while (head < tail) {
    const x = queue[head++]!;
    for (let k = g.bySupplierOffsets[x]!; k < g.bySupplierOffsets[x + 1]!; k++) {
      push(g.edgeDependent[g.bySupplierEdges[k]!]!);
    }
  }

  const sectors = ctx.sectors.length;
  const sectorFunctions = new Int32Array(sectors);
  const sectorImportance = new Float64Array(sectors);
  const sectorStates = Array.from({ length: sectors }, () => new Set<number>());
  const allStates = new Set<number>();
  let functions = 0;
  let importance = 0;
  for (let i = 0; i < tail; i++) {
    const f = queue[i]!;
    if (g.kind[f] !== FUNCTION_CODE) continue;
    functions++;
    importance += g.importance[f]!;
    const c = ctx.location[f]!;
    const member = c >= 0 && ctx.countries[c]!.natoMember;
    if (member) allStates.add(c);
    const s = ctx.functionSector[f]!;
    if (s < 0) continue;
    sectorFunctions[s]! += 1;
    sectorImportance[s]! += g.importance[f]!;
    if (member) sectorStates[s]!.add(c);
  }

  const ids = (states: Set<number>): string[] => [...states].map((c) => ctx.countries[c]!.id).sort();
  const bySector: FootprintSector[] = [];
  for (let s = 0; s < sectors; s++) {
    if (sectorFunctions[s] === 0) continue;
    bySector.push({
      sector: ctx.sectors[s]!,
      functions: sectorFunctions[s]!,
      importance: sectorImportance[s]!,
      memberStates: sectorStates[s]!.size,
      memberStateIds: ids(sectorStates[s]!),
    });
  }
  return {
    node: v,
    id: g.ids[v]!,
    targets,
    functions,
    importance,
    memberStates: allStates.size,
    memberStateIds: ids(allStates),
    bySector,
  };
}
