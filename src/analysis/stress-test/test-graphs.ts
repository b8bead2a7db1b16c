/**
 * Graphs for the stress-test, concentration and job tests (not part of the
 * public API): tiny drawn graphs from a one-line spec, and seeded random graphs.
 * Both go through the real `buildPropagationGraph`.
 */
import { buildPropagationGraph } from '../propagation';
import type { EdgeInput, GraphInput, KindName, NodeInput, PropagationGraph } from '../propagation/types';
import { mulberry32 } from '../random';

const KIND_OF: Record<string, KindName> = { P: 'Provider', F: 'Facility', S: 'Service', CF: 'CriticalFunction' };

/**
 * A graph from a spec:
 * - nodes: `P:aws F:fra S:s3 CF:bank*2^0.3` — kind (P, F, S, CF), name,
 *   optional `*importance`, optional `^threshold`;
 * - edges: `bank>s3 bank>fra:0.5 bank>a|g bank>b|g/2 x>y!0.3` — dependent >
 *   supplier, optional `:strength`, `|group` or `|group/minAlive`, `!p` for a
 *   trust channel with propagation p; edge ids are `dependent>supplier`;
 * - owned: `aws>fra aws>s3` — provider > facility or service.
 */
export function drawnGraph(spec: { nodes: string; edges?: string; owned?: string }): PropagationGraph {
  return buildPropagationGraph(drawnInput(spec));
}

export function drawnInput(spec: { nodes: string; edges?: string; owned?: string }): GraphInput {
  const nodes: NodeInput[] = tokens(spec.nodes).map((t) => {
    const m = /^(P|F|S|CF):([\w.-]+)(?:\*([\d.]+))?(?:\^([\d.]+))?$/.exec(t);
    if (m === null) throw new Error(`bad node token ${t}`);
    return {
      id: m[2]!,
      kind: KIND_OF[m[1]!]!,
      importance: m[3] === undefined ? null : Number(m[3]),
      threshold: m[4] === undefined ? null : Number(m[4]),
    };
  });
  const edges: EdgeInput[] = tokens(spec.edges ?? '').map((t) => {
    const m = /^([\w.-]+)>([\w.-]+)(?::([\d.]+))?(?:\|([\w-]+)(?:\/(\d+))?)?(?:!([\d.]+))?$/.exec(t);
    if (m === null) throw new Error(`bad edge token ${t}`);
    return {
      id: `${m[1]}>${m[2]}`,
      dependent: m[1]!,
      supplier: m[2]!,
      strength: m[3] === undefined ? 1 : Number(m[3]),
      propagation: m[6] === undefined ? 0 : Number(m[6]),
      delayHours: 0,
      recoveryHours: null,
      integrity: m[6] !== undefined,
      illustrative: false,
      redundancyGroup: m[4] ?? null,
      minAlive: m[5] === undefined ? 1 : Number(m[5]),
    };
  });
  const owned = tokens(spec.owned ?? '').map((t) => {
    const [p, x] = t.split('>');
    if (p === undefined || x === undefined) throw new Error(`bad owned token ${t}`);
    return [p, x] as const;
  });
  return { nodes, edges, owned };
}

/** Node index of `id` in `g` (throws when absent). */
export function at(g: PropagationGraph, id: string): number {
  const v = g.index.get(id);
  if (v === undefined) throw new Error(`no node ${id}`);
  return v;
}

/**
 * A seeded random graph: 10 % providers, 20 % facilities, 30 % services, 40 %
 * critical functions (importance 1, 2 or 3); `edges` DEPENDS_ON edges of allowed
 * kind pairs, about a fifth of them in two-member redundancy groups, a third on
 * trust channels (propagation 0.3); every facility and service owned by a
 * random provider.
 */
export function randomGraphInput(options: { nodes: number; edges: number; seed: number }): GraphInput {
  const random = mulberry32(options.seed);
  const pick = (k: number): number => Math.floor(random() * k);
  const n = options.nodes;
  const nodes: NodeInput[] = [];
  const byKind: Record<KindName, string[]> = {
    Country: [],
    Provider: [],
    Facility: [],
    Service: [],
    CriticalFunction: [],
    Incident: [],
  };
  for (let i = 0; i < n; i++) {
    const x = i / n;
    const kind: KindName = x < 0.1 ? 'Provider' : x < 0.3 ? 'Facility' : x < 0.6 ? 'Service' : 'CriticalFunction';
    const id = `n${i}`;
    nodes.push({ id, kind, importance: kind === 'CriticalFunction' ? 1 + pick(3) : null });
    byKind[kind].push(id);
  }
  const infrastructure = [...byKind.Provider, ...byKind.Facility, ...byKind.Service];
  const edges: EdgeInput[] = [];
  while (edges.length < options.edges) {
    const dependent = nodes[pick(n)]!;
    const group = random() < 0.2 && options.edges - edges.length >= 2;
    const members = group ? 2 : 1;
    for (let j = 0; j < members; j++) {
      let supplier = infrastructure[pick(infrastructure.length)]!;
      if (supplier === dependent.id) supplier = infrastructure[(infrastructure.indexOf(supplier) + 1) % infrastructure.length]!;
      const integrity = random() < 0.3;
      edges.push({
        id: `e${edges.length}`,
        dependent: dependent.id,
        supplier,
        strength: 0.5 + random() / 2,
        propagation: integrity ? 0.3 : 0,
        delayHours: 0,
        recoveryHours: null,
        integrity,
        illustrative: false,
        redundancyGroup: group ? `g${edges.length - j}` : null,
        minAlive: 1,
      });
    }
  }
  const owned = [...byKind.Facility, ...byKind.Service].map(
    (x) => [byKind.Provider[pick(byKind.Provider.length)]!, x] as const,
  );
  return { nodes, edges, owned };
}

/** Country indices for a random graph: every node in one of `countries` countries, round robin. */
export function roundRobinCountries(g: PropagationGraph, countries: number): Int32Array {
  return Int32Array.from({ length: g.n }, (_, v) => v % countries);
}

function tokens(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}
