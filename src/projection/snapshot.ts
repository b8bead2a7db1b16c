/**
 * The analysis snapshot: the whole model, built from ONE streaming read of
 * Neo4j into compact, immutable structures, tagged with the database's write
 * version.
 *
 * - `graph`: graphology MultiDirectedGraph, the model container (node and edge
 *   attributes as stored), DEPENDS_ON from dependent to supplier.
 * - `propagation`: the typed-array graph the propagation engine runs on.
 * - `csr`: the directed DEPENDS_ON graph for centrality (parallel edges collapsed).
 * - per-node context for reporting: location country, jurisdiction (the
 *   headquarters of the owning provider, following SUBSIDIARY_OF to the top),
 *   owning provider, sector.
 *
 * Nothing here may be mutated after `buildSnapshot` returns: what-ifs are overlays.
 */
import { MultiDirectedGraph } from 'graphology';
import { CHANNELS, edgeCarriage, SECTOR_KEYS } from '../../graph-schema/vocabulary';
import type { Channel, Sector } from '../../graph-schema/vocabulary';
import { csrFromGraphology } from '../analysis/csr';
import type { Csr } from '../analysis/csr';
import { buildPropagationGraph } from '../analysis/propagation';
import type { EdgeInput, KindName, NodeInput, PropagationGraph } from '../analysis/propagation/types';
import type { SnapshotRow } from '../store/snapshot-query';

export interface CountryInfo {
  id: string;
  name: string;
  natoMember: boolean;
  /** ISO 3166-1 numeric ('' when unknown). */
  numeric: string;
  /** The centroid (NaN when unknown). */
  latitude: number;
  longitude: number;
}

export interface Snapshot {
  readonly version: number;
  readonly builtAt: string;
  readonly buildMs: number;
  readonly graph: MultiDirectedGraph;
  readonly propagation: PropagationGraph;
  readonly csr: Csr;
  readonly countries: readonly CountryInfo[];
  readonly countryIndex: ReadonlyMap<string, number>;
  /** Per propagation node: display name. */
  readonly names: readonly string[];
  /** Per propagation node: country index where it is located (-1 unknown). */
  readonly location: Int32Array;
  /** Per propagation node: country index of its owner's ultimate headquarters (-1 unknown). */
  readonly jurisdiction: Int32Array;
  /** Per propagation node: node index of its owning provider (itself for providers; -1 for functions). */
  readonly owner: Int32Array;
  /** Per propagation node: index in SECTOR_KEYS for critical functions, -1 otherwise. */
  readonly sector: Int32Array;
  /** Per propagation node: 1 when the node itself is illustrative. */
  readonly illustrativeNode: Uint8Array;
  /** Per DEPENDS_ON edge: its channel. */
  readonly channel: readonly Channel[];
  /** Per propagation node: provider, facility or service kind ('' for functions). */
  readonly subKind: readonly string[];
  /** Per propagation node: coordinates (NaN when the node has none, e.g. providers). */
  readonly latitude: Float64Array;
  readonly longitude: Float64Array;
  /** Every country each node is located in (see `SnapshotLocations`). */
  readonly locations: SnapshotLocations;
  /** The rows it was built from (a clearance's view is built from a subset of them: ./visible-view.ts). */
  readonly rows: Collected;
  /** What this snapshot leaves out for its clearance: nothing for the whole model. */
  readonly hidden: HiddenCount;
  /** '' for the whole model; for a view, a key equal for views that hide the same elements. */
  readonly viewKey: string;
  /**
   * Every node as stored, countries included (incidents are not in the snapshot):
   * what node reads are served from while Neo4j is unreachable (services/snapshot-reads.ts).
   */
  readonly stored: ReadonlyMap<string, StoredNode>;
}

/** A stored node: its label, its properties as stored, its outgoing structural relationships. */
export interface StoredNode {
  readonly label: string;
  readonly props: Readonly<Record<string, unknown>>;
  /** [relationship type, target id], e.g. ['HEADQUARTERED_IN', 'US']. */
  readonly links: readonly (readonly [string, string])[];
}

/** What an analysis worker rebuilds a snapshot (or a clearance's view of one) from. */
export interface SnapshotData {
  rows: Collected;
  hidden: HiddenCount;
  viewKey: string;
}

/** How many nodes and dependencies a clearance's view leaves out (a count, never which). */
export interface HiddenCount {
  nodes: number;
  dependencies: number;
}

/** The rows a snapshot is built from (also what the analysis workers rebuild their copy from). */
export interface Collected {
  version: number;
  nodes: Extract<SnapshotRow, { t: 'node' }>[];
  edges: Extract<SnapshotRow, { t: 'edge' }>[];
  owned: [string, string][];
  parent: Map<string, string>;
}

export function collector(): { onRow: (row: SnapshotRow) => void; collected: Collected } {
  const collected: Collected = { version: 0, nodes: [], edges: [], owned: [], parent: new Map() };
  return {
    collected,
    onRow(row) {
      switch (row.t) {
        case 'version':
          collected.version = row.version;
          break;
        case 'node':
          collected.nodes.push(row);
          break;
        case 'edge':
          collected.edges.push(row);
          break;
        case 'own':
          collected.owned.push([row.from, row.to]);
          break;
        case 'parent':
          collected.parent.set(row.from, row.to);
          break;
      }
    },
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/**
 * Validation keeps a group's capacity shares all-or-none; should stored data
 * break that rule (a client writing around Linchpin), the group is analysed as
 * a pure k-of-n gate rather than failing every analysis for everyone.
 */
export function dropMixedCapacities(edges: EdgeInput[]): void {
  const groups = new Map<string, EdgeInput[]>();
  for (const e of edges) {
    if (e.redundancyGroup === null) continue;
    const key = `${e.dependent}\u0000${e.redundancyGroup}`;
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  for (const list of groups.values()) {
    const withCapacity = list.filter((e) => e.capacity !== null && e.capacity !== undefined).length;
    if (withCapacity > 0 && withCapacity < list.length) for (const e of list) e.capacity = null;
  }
}

/** The engine's view of one stored DEPENDS_ON (its properties as stored, or as a seed record has them). */
export function edgeInputOf(id: string, dependent: string, supplier: string, props: Record<string, unknown>): EdgeInput {
  return {
    id,
    dependent,
    supplier,
    strength: num(props.strength) ?? 1,
    propagation: num(props.propagation) ?? 0,
    delayHours: num(props.delayHours) ?? 0,
    recoveryHours: num(props.recoveryHours),
    ...carriageOf(props),
    illustrative: props.illustrative === true,
    redundancyGroup: typeof props.redundancyGroup === 'string' ? props.redundancyGroup : null,
    minAlive: num(props.minAlive) ?? 1,
  };
}

/** What a stored DEPENDS_ON carries: its own values where set, else its channel's (graph-schema/vocabulary.ts). */
function carriageOf(props: Record<string, unknown>): Pick<EdgeInput, 'integrity' | 'availability' | 'graceHours' | 'capacity'> {
  const channel = props.channel as Channel;
  if (!(channel in CHANNELS)) return { integrity: false, availability: true, graceHours: 0, capacity: null };
  const grace = num(props.graceHours);
  const carriage = edgeCarriage(channel, {
    carriesAvailability: bool(props.carriesAvailability),
    carriesIntegrity: bool(props.carriesIntegrity),
    graceHours: grace !== null && grace >= 0 ? grace : null,
  });
  const capacity = num(props.capacityShare);
  return {
    integrity: carriage.integrity,
    availability: carriage.availability,
    graceHours: carriage.graceHours,
    capacity: capacity !== null && capacity > 0 && capacity <= 1 ? capacity : null, // outside a group: a partial dependency
  };
}

export function buildSnapshot(
  collected: Collected,
  startedAt = performance.now(),
  view: { hidden: HiddenCount; viewKey: string } = { hidden: { nodes: 0, dependencies: 0 }, viewKey: '' },
): Snapshot {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const countryRows = collected.nodes.filter((n) => n.kind === 'Country').sort(byId);
  const nodeRows = collected.nodes.filter((n) => n.kind !== 'Country').sort(byId);
  const edgeRows = [...collected.edges].sort(byId);

  const countries: CountryInfo[] = countryRows.map((c) => ({
    id: c.id,
    name: typeof c.props.name === 'string' ? c.props.name : c.id,
    natoMember: c.props.natoMember === true,
    numeric: typeof c.props.numeric === 'string' ? c.props.numeric : '',
    latitude: num(c.props.latitude) ?? NaN,
    longitude: num(c.props.longitude) ?? NaN,
  }));
  const countryIndex = new Map(countries.map((c, i) => [c.id, i]));

  const nodes: NodeInput[] = nodeRows.map((n) => ({
    id: n.id,
    kind: n.kind as KindName,
    threshold: num(n.props.threshold),
    importance: num(n.props.importance),
  }));
  const edges: EdgeInput[] = edgeRows.map((e) => edgeInputOf(e.id, e.from, e.to, e.props));
  dropMixedCapacities(edges);

  const propagation = buildPropagationGraph({ nodes, edges, owned: collected.owned });

  const n = propagation.n;
  const location = new Int32Array(n).fill(-1);
  const jurisdiction = new Int32Array(n).fill(-1);
  const owner = new Int32Array(n).fill(-1);
  const sector = new Int32Array(n).fill(-1);
  const illustrativeNode = new Uint8Array(n);
  const names: string[] = new Array<string>(n);
  const subKind: string[] = new Array<string>(n);
  const latitude = new Float64Array(n).fill(NaN);
  const longitude = new Float64Array(n).fill(NaN);
  const ownerOf = new Map<string, string>(collected.owned.map(([p, x]) => [x, p]));

  /** The top of a provider's SUBSIDIARY_OF chain (cycle-safe). */
  const ultimateParent = (provider: string): string => {
    const seen = new Set<string>();
    let current = provider;
    while (collected.parent.has(current) && !seen.has(current)) {
      seen.add(current);
      current = collected.parent.get(current)!;
    }
    return current;
  };

  const rowById = new Map(nodeRows.map((r) => [r.id, r]));
  for (let v = 0; v < n; v++) {
    const row = rowById.get(propagation.ids[v]!)!;
    names[v] = typeof row.props.name === 'string' ? row.props.name : row.id;
    subKind[v] = typeof row.props.kind === 'string' ? row.props.kind : '';
    latitude[v] = num(row.props.latitude) ?? NaN;
    longitude[v] = num(row.props.longitude) ?? NaN;
    location[v] = row.location !== null ? (countryIndex.get(row.location) ?? -1) : -1;
    illustrativeNode[v] = row.props.illustrative === true ? 1 : 0;
    if (row.kind === 'CriticalFunction') {
      sector[v] = SECTOR_KEYS.indexOf(row.props.sector as Sector);
      jurisdiction[v] = location[v]!;
      continue;
    }
    const ownerId = row.kind === 'Provider' ? row.id : ownerOf.get(row.id);
    if (ownerId === undefined) continue;
    owner[v] = propagation.index.get(ownerId) ?? -1;
    const top = propagation.index.get(ultimateParent(ownerId));
    const topRow = top !== undefined ? rowById.get(propagation.ids[top]!) : undefined;
    jurisdiction[v] = topRow?.location ? (countryIndex.get(topRow.location) ?? -1) : -1;
  }

  const graph = new MultiDirectedGraph();
  for (const row of nodeRows) graph.addNode(row.id, { kind: row.kind, ...row.props, location: row.location });
  for (const row of edgeRows) graph.addEdgeWithKey(row.id, row.from, row.to, { ...row.props });
  const csr = csrFromGraphology(graph, { dedupe: true, dropSelfLoops: false });
  if (csr.ids.some((id, i) => id !== propagation.ids[i])) {
    throw new Error('snapshot: centrality and propagation graphs disagree on node order');
  }
  const channelById = new Map(edgeRows.map((e) => [e.id, e.props.channel as Channel]));

  return {
    version: collected.version,
    builtAt: new Date().toISOString(),
    buildMs: performance.now() - startedAt,
    graph,
    propagation,
    csr,
    countries,
    countryIndex,
    names,
    location,
    jurisdiction,
    owner,
    sector,
    illustrativeNode,
    channel: propagation.edgeIds.map((id) => channelById.get(id)!),
    subKind,
    latitude,
    longitude,
    locations: buildLocations(location, propagation.ids, rowById, countryIndex),
    rows: collected,
    hidden: view.hidden,
    viewKey: view.viewKey,
    stored: new Map(collected.nodes.map((r) => [r.id, { label: r.kind, props: r.props, links: r.links ?? [] }])),
  };
}

/* ------------------------------------------- all location countries (CSR) */

/**
 * Every country a node is located in, primary first: `location[v]` (a facility's LOCATED_IN, a
 * service's own country or else its provider's headquarters, a provider's headquarters, the
 * country a function serves), then a linear facility's other landing or end countries (LANDS_IN),
 * by id. Unknown locations are left out, so a node may have none. Compressed rows: node v's
 * country indexes are `list[start[v]] .. list[start[v + 1] - 1]`.
 */
export interface SnapshotLocations {
  readonly start: Int32Array;
  readonly list: Int32Array;
  /** Country indexes node v is located in, primary first (a view: do not write to it). */
  of(v: number): Int32Array;
}

function buildLocations(
  location: Int32Array,
  ids: readonly string[],
  rowById: ReadonlyMap<string, { alsoIn?: string[] }>,
  countryIndex: ReadonlyMap<string, number>,
): SnapshotLocations {
  const n = location.length;
  const start = new Int32Array(n + 1);
  const all: number[] = [];
  for (let v = 0; v < n; v++) {
    start[v] = all.length;
    const primary = location[v]!;
    if (primary >= 0) all.push(primary);
    for (const id of rowById.get(ids[v]!)?.alsoIn ?? []) {
      const c = countryIndex.get(id);
      if (c !== undefined && c !== primary && !all.slice(start[v]).includes(c)) all.push(c);
    }
  }
  start[n] = all.length;
  const list = Int32Array.from(all);
  return { start, list, of: (v) => list.subarray(start[v], start[v + 1]) };
}
