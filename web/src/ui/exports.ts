/**
 * What the export buttons write: the current result (a blast radius with its
 * input) as CSV rows per affected node and as JSON, or — with no result — the
 * visible part of the graph.
 */
import type { BlastRadiusInput } from '../api/generated';
import type { VisibleSet } from '../model/filters';
import type { GraphModel } from '../model/graph-model';
import { toCsv } from '../model/csv';
import type { BlastResult } from './summary-panel';

export function resultCsv(result: BlastResult): string {
  return toCsv(
    ['id', 'name', 'kind', 'state', 'effect', 'wave', 'hour', 'restoredHour', 'probability', 'loss', 'sector', 'country', 'explanationPath', 'illustrativeShare'],
    result.affected.map((a) => [
      a.node.id,
      a.node.name,
      a.node.kind,
      a.state,
      a.effect,
      a.wave,
      a.hour,
      a.restoredHour,
      a.probability,
      a.loss,
      'sector' in a.node ? a.node.sector : '',
      'country' in a.node ? (a.node.country?.id ?? '') : '',
      a.explanation.nodes.map((n) => n.id).join(' > '),
      a.explanation.illustrativeShare,
    ]),
  );
}

export function resultJson(result: BlastResult, input: BlastRadiusInput | null): string {
  return JSON.stringify({ exportedAt: new Date().toISOString(), input, result }, null, 2);
}

export function graphCsv(model: GraphModel, visible: VisibleSet, metric: ReadonlyMap<string, number> | null, metricName: string): string {
  const rows = [...visible.nodes].sort().map((id) => {
    const n = model.nodes.get(id)!;
    return [n.id, n.name, n.kind, n.subKind, n.sector, n.country, n.owner, n.importance, n.illustrative, n.tlp, n.confidence, metric?.get(id) ?? null];
  });
  return toCsv(['id', 'name', 'kind', 'subKind', 'sector', 'country', 'owner', 'importance', 'illustrative', 'tlp', 'confidence', metricName], rows);
}

export function graphJson(model: GraphModel, visible: VisibleSet): string {
  return JSON.stringify(
    {
      exportedAt: new Date().toISOString(),
      source: model.source,
      nodes: [...visible.nodes].sort().map((id) => model.nodes.get(id)),
      dependencies: [...visible.edges].sort().map((id) => model.edges.get(id)),
    },
    null,
    2,
  );
}
