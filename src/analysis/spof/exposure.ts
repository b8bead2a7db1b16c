/**
 * Single-point exposure of critical functions to one provider, one facility
 * or one foreign jurisdiction, under HARD (untimed):
 *  - a provider is a single point of failure of f when the provider failing
 *    together with everything it owns (its facilities and services) takes f down;
 *  - a facility is one when it alone takes f down (an order-1 cut set);
 *  - a foreign jurisdiction J is one when every node whose jurisdiction is J
 *    failing together (e.g. under a sanction or a legal order) takes f down,
 *    and J is not f's own country.
 * Computed by one HARD failure set per provider, facility and jurisdiction.
 *
 * [Reference]: fault-tree minimal cut sets, NUREG-0492 (1981), ch. VII.
 * Complexity: O((P + F + J) · (n + m)) for P providers, F facilities, J jurisdictions.
 */
import { hardFailureSet } from '../propagation';
import { KIND_CODES } from '../propagation/types';
import type { PropagationGraph } from '../propagation/types';

const PROVIDER = KIND_CODES.indexOf('Provider');
const FACILITY = KIND_CODES.indexOf('Facility');

export interface SpofExposure {
  /** Per critical function (node index): providers that are its single point of failure. */
  providers: Map<number, number[]>;
  /** Per critical function: facilities that are. */
  facilities: Map<number, number[]>;
  /** Per critical function: foreign jurisdictions (country indices) that are. */
  jurisdictions: Map<number, number[]>;
}

/**
 * @param jurisdiction per node: country index of its owner's ultimate headquarters (-1 none)
 * @param location per node: country index where it is (a function's own country)
 */
export function spofExposure(g: PropagationGraph, jurisdiction: Int32Array, location: Int32Array): SpofExposure {
  if (jurisdiction.length !== g.n || location.length !== g.n) {
    throw new RangeError(`jurisdiction and location must have one entry per node (${g.n})`);
  }
  const buffer = new Uint8Array(g.n);
  const result: SpofExposure = { providers: new Map(), facilities: new Map(), jurisdictions: new Map() };
  const record = (into: Map<number, number[]>, failed: Uint8Array, key: number, keep: (f: number) => boolean) => {
    for (let f = 0; f < g.n; f++) {
      if (!failed[f] || g.importance[f]! <= 0 || !keep(f)) continue;
      const list = into.get(f) ?? [];
      list.push(key);
      into.set(f, list);
    }
  };
  const byJurisdiction = new Map<number, number[]>();
  for (let v = 0; v < g.n; v++) {
    const j = jurisdiction[v]!;
    if (j >= 0 && g.importance[v]! <= 0) byJurisdiction.set(j, [...(byJurisdiction.get(j) ?? []), v]);
    if (g.kind[v] === PROVIDER) {
      const origins = [v];
      for (let k = g.ownedOffsets[v]!; k < g.ownedOffsets[v + 1]!; k++) origins.push(g.ownedNodes[k]!);
      record(result.providers, hardFailureSet(g, origins, buffer), v, (f) => f !== v);
    } else if (g.kind[v] === FACILITY) {
      record(result.facilities, hardFailureSet(g, [v], buffer), v, (f) => f !== v);
    }
  }
  for (const [j, nodes] of [...byJurisdiction.entries()].sort((a, b) => a[0] - b[0])) {
    record(result.jurisdictions, hardFailureSet(g, nodes, buffer), j, (f) => location[f] !== j);
  }
  return result;
}
