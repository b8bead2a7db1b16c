/**
 * Fills the details panel's view models: from the API's NodeDetails and
 * FunctionsAtRisk answers, or from the local model for a generated graph.
 */
import { SECTORS } from '../../../graph-schema/vocabulary';
import type { FunctionsAtRiskQuery, MetricFieldsFragment, NodeDetailsQuery } from '../api/generated';
import type { Adjacency, GraphModel, ModelEdge } from '../model/graph-model';
import type { FunctionsByCountry, Neighbour, NodeDetails } from './details-panel';
import { formatNumber, humanise } from './dom';

type DetailNode = NonNullable<NodeDetailsQuery['node']>;
type Step = NodeDetailsQuery['dependencies']['steps'][number];

const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 0.01 ? formatNumber(v, 4) : v.toExponential(2));

function metricRows(m: MetricFieldsFragment | null): NodeDetails['metrics'] {
  if (!m) return null;
  return [
    { label: 'Linchpin rank', value: m.linchpinRank !== null ? `#${m.linchpinRank}` : 'not ranked' },
    { label: 'Linchpin score', value: m.linchpinScore !== null ? formatNumber(m.linchpinScore, 1) : '–' },
    { label: 'Degree', value: fmt(m.degree) },
    { label: 'In-degree', value: fmt(m.inDegree) },
    { label: 'Out-degree', value: fmt(m.outDegree) },
    { label: 'Betweenness', value: fmt(m.betweenness) },
    { label: 'PageRank', value: fmt(m.pagerank) },
    { label: 'Closeness', value: fmt(m.closeness) },
    { label: 'Eigenvector', value: fmt(m.eigenvector) },
  ];
}

function neighbour(step: Step, side: 'supplier' | 'dependent'): Neighbour {
  const d = step.dependency;
  const n = d[side];
  return { id: n.id, name: n.name, kind: n.kind, channel: d.channel, crossBorder: d.crossBorder, illustrative: d.provenance.illustrative };
}

function facts(n: DetailNode): NodeDetails['facts'] {
  const out: NodeDetails['facts'] = [];
  switch (n.__typename) {
    case 'Provider':
      out.push({ label: 'Provider kind', value: humanise(n.providerKind) }, { label: 'Headquarters', value: n.headquarters ? `${n.headquarters.name} (${n.headquarters.id})` : 'not known' });
      if (n.parent) out.push({ label: 'Subsidiary of', value: n.parent.name, nodeId: n.parent.id });
      if (n.website) out.push({ label: 'Website', value: n.website, href: n.website });
      break;
    case 'Facility':
      out.push(
        { label: 'Facility kind', value: humanise(n.facilityKind) },
        { label: 'Located in', value: n.country ? `${n.city ? `${n.city}, ` : ''}${n.country.name} (${n.country.id})` : 'unknown (its country was deleted)' },
        n.operator ? { label: 'Operator', value: n.operator.name, nodeId: n.operator.id } : { label: 'Operator', value: 'none (its operator was deleted)' },
        {
          label: 'Coordinates',
          value: n.siteLatitude != null && n.siteLongitude != null ? `${n.siteLatitude.toFixed(2)}, ${n.siteLongitude.toFixed(2)}` : 'not public',
        },
      );
      if (n.countries.length > 0) out.push({ label: 'Also lands in', value: n.countries.map((c) => `${c.name} (${c.id})`).join(', ') });
      break;
    case 'Service':
      out.push(
        { label: 'Service kind', value: humanise(n.serviceKind) },
        n.provider ? { label: 'Offered by', value: n.provider.name, nodeId: n.provider.id } : { label: 'Offered by', value: 'none (its provider was deleted)' },
      );
      if (n.ownCountry) out.push({ label: 'Delivered from', value: `${n.ownCountry.name} (${n.ownCountry.id})` });
      if (n.description) out.push({ label: 'Description', value: n.description });
      break;
    case 'CriticalFunction':
      out.push(
        { label: 'Sector', value: `${SECTORS[n.sector].label} (NIS2 ${SECTORS[n.sector].nis2}; CISA ${humanise(n.cisaSector)})` },
        { label: 'Serves', value: n.country ? `${n.country.name} (${n.country.id})` : 'unknown (its country was deleted)' },
        { label: 'Importance', value: `${formatNumber(n.importance, 1)} (${n.importanceRule})` },
      );
      if (n.description) out.push({ label: 'Description', value: n.description });
      break;
    case 'Country':
      out.push(
        { label: 'NATO member', value: n.natoMember ? `yes, since ${n.accessionYear ?? '?'}` : 'no' },
        { label: 'ISO codes', value: `${n.id} / ${n.alpha3} / ${n.numeric}` },
        { label: 'Centroid', value: `${n.latitude.toFixed(2)}, ${n.longitude.toFixed(2)}` },
      );
      break;
    case 'Incident':
      out.push({ label: 'Date', value: n.date }, { label: 'What happened', value: n.mechanism }, { label: 'Replay', value: `${n.mode} · ${n.rule}${n.effect ? ` · ${n.effect}` : ''}` });
      break;
  }
  out.push({ label: 'Failure threshold', value: formatNumber(n.threshold, 2) });
  return out;
}

export function detailsFromApi(data: NodeDetailsQuery): NodeDetails | null {
  const n = data.node;
  if (!n) return null;
  const metrics = 'metrics' in n ? metricRows(n.metrics) : null;
  return {
    id: n.id,
    name: n.name,
    kind: n.kind,
    facts: facts(n),
    provenance: n.provenance,
    dependencies: data.dependencies.steps.map((s) => neighbour(s, 'supplier')),
    dependents: data.dependents.steps.map((s) => neighbour(s, 'dependent')),
    metrics,
  };
}

function groupByCountry(functions: { id: string; name: string; sector: string; country: { id: string; name: string } }[], truncated: boolean): FunctionsByCountry {
  const groups = new Map<string, FunctionsByCountry['groups'][number]>();
  for (const f of functions) {
    let g = groups.get(f.country.id);
    if (!g) groups.set(f.country.id, (g = { country: f.country, functions: [] }));
    g.functions.push({ id: f.id, name: f.name, sector: f.sector });
  }
  const sorted = [...groups.values()].sort((a, b) => b.functions.length - a.functions.length || a.country.name.localeCompare(b.country.name));
  for (const g of sorted) g.functions.sort((a, b) => a.name.localeCompare(b.name));
  return { truncated, groups: sorted };
}

export function functionsFromApi(data: FunctionsAtRiskQuery): FunctionsByCountry {
  const functions = data.neighbourhood.nodes.flatMap((n) => ('sector' in n && n.country ? [{ id: n.id, name: n.name, sector: n.sector, country: n.country }] : []));
  return groupByCountry(functions, data.neighbourhood.truncated);
}

const MAX_DEPTH = 6;

/** The same view models from the local model (generated graphs have no API behind them). */
export function detailsFromModel(model: GraphModel, adjacency: Adjacency, id: string): { details: NodeDetails; functions: FunctionsByCountry } | null {
  const n = model.nodes.get(id);
  if (!n) return null;
  const toNeighbour = (e: ModelEdge, side: 'supplier' | 'dependent'): Neighbour => {
    const other = model.nodes.get(e[side])!;
    return { id: other.id, name: other.name, kind: other.kind, channel: e.channel, crossBorder: e.crossBorder, illustrative: e.illustrative };
  };
  const suppliers = adjacency.suppliers.get(id) ?? [];
  const dependents = adjacency.dependents.get(id) ?? [];
  const nMinus1 = Math.max(1, model.nodes.size - 1);
  const country = n.country ? model.countries.get(n.country) : undefined;

  // Dependents up to MAX_DEPTH hops, for the functions at risk.
  const seen = new Set<string>([id]);
  let frontier = [id];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const v of frontier) {
      for (const e of adjacency.dependents.get(v) ?? []) {
        if (seen.has(e.dependent)) continue;
        seen.add(e.dependent);
        next.push(e.dependent);
      }
    }
    frontier = next;
  }
  seen.delete(id);
  const functions = [...seen]
    .map((v) => model.nodes.get(v)!)
    .filter((f) => f.kind === 'CriticalFunction' && f.country)
    .map((f) => ({ id: f.id, name: f.name, sector: f.sector ?? '', country: { id: f.country!, name: model.countries.get(f.country!)?.name ?? f.country! } }));

  return {
    details: {
      id: n.id,
      name: n.name,
      kind: n.kind,
      facts: [
        ...(n.subKind ? [{ label: 'Kind', value: humanise(n.subKind) }] : []),
        ...(n.sector ? [{ label: 'Sector', value: SECTORS[n.sector].label }] : []),
        ...(country ? [{ label: 'Country', value: `${country.name} (${country.id})` }] : []),
        ...(n.owner ? [{ label: 'Owner', value: model.nodes.get(n.owner)?.name ?? n.owner, nodeId: n.owner }] : []),
      ],
      provenance: { source: 'generated graph (?generated=N), not data', confidence: n.confidence, illustrative: n.illustrative, tlp: n.tlp, updatedAt: '–' },
      dependencies: suppliers.map((e) => toNeighbour(e, 'supplier')),
      dependents: dependents.map((e) => toNeighbour(e, 'dependent')),
      metrics: [
        { label: 'Degree', value: fmt((suppliers.length + dependents.length) / nMinus1) },
        { label: 'In-degree', value: fmt(dependents.length / nMinus1) },
        { label: 'Out-degree', value: fmt(suppliers.length / nMinus1) },
      ],
    },
    functions: groupByCountry(functions, false),
  };
}
