/**
 * The one streaming read the analysis snapshot is built from: every modelled
 * node (but incidents), every DEPENDS_ON, ownership (OPERATES, OFFERS),
 * SUBSIDIARY_OF, and the write version, as rows of one statement.
 */
import { DEPENDENCY_KINDS, ENTITY_LABEL, META_ID, META_LABEL, REL } from '../../graph-schema/vocabulary';
import type { GraphDb, Row } from './driver';
import { locationCountry } from './graph-queries';

export type SnapshotRow =
  | { t: 'version'; version: number }
  | {
      t: 'node';
      id: string;
      kind: string;
      props: Record<string, unknown>;
      location: string | null;
      /** Every other country the node is located in: a linear facility's other landing or end countries (LANDS_IN), sorted. */
      alsoIn?: string[];
      /** Its outgoing structural relationships, [type, target id] (what a node read's references are made of). */
      links?: [string, string][];
    }
  | { t: 'edge'; id: string; props: Record<string, unknown>; from: string; to: string }
  | { t: 'own' | 'parent'; from: string; to: string };

const SNAPSHOT = `
CALL () {
  MATCH (m:${META_LABEL} {id: $metaId})
  RETURN 'version' AS t, null AS id, null AS kind, {version: m.version} AS props, null AS location, null AS alsoIn, null AS links, null AS a, null AS b
  UNION ALL
  MATCH (n:${ENTITY_LABEL})
  WHERE any(l IN labels(n) WHERE l IN $kinds)
  RETURN 'node' AS t, n.id AS id, [l IN labels(n) WHERE l IN $kinds][0] AS kind,
    n {.*} AS props,
    ${locationCountry('n')} AS location,
    [(n)-[:${REL.LANDS_IN}]->(lc:Country) WHERE lc.id IS NOT NULL | lc.id] AS alsoIn,
    [(n)-[s]->(st:${ENTITY_LABEL}) WHERE type(s) IN $structural | [type(s), st.id]] AS links, null AS a, null AS b
  UNION ALL
  MATCH (a:${ENTITY_LABEL})-[r:${REL.DEPENDS_ON}]->(b:${ENTITY_LABEL})
  RETURN 'edge' AS t, r.id AS id, null AS kind, r {.*} AS props, null AS location, null AS alsoIn, null AS links, a.id AS a, b.id AS b
  UNION ALL
  MATCH (p:Provider)-[:${REL.OPERATES}|${REL.OFFERS}]->(x:${ENTITY_LABEL})
  RETURN 'own' AS t, null AS id, null AS kind, null AS props, null AS location, null AS alsoIn, null AS links, p.id AS a, x.id AS b
  UNION ALL
  MATCH (p:Provider)-[:${REL.SUBSIDIARY_OF}]->(q:Provider)
  RETURN 'parent' AS t, null AS id, null AS kind, null AS props, null AS location, null AS alsoIn, null AS links, p.id AS a, q.id AS b
}
RETURN t, id, kind, props, location, alsoIn, links, a, b`;

/** Structural relationship types a node read reports as references (every type but DEPENDS_ON). */
const STRUCTURAL_TYPES = Object.values(REL).filter((t) => t !== REL.DEPENDS_ON);

function toSnapshotRow(row: Row): SnapshotRow {
  const t = row.t as string;
  if (t === 'version') return { t, version: Number((row.props as { version: unknown }).version ?? 0) };
  if (t === 'node') {
    return { t, id: String(row.id), kind: String(row.kind), props: row.props as Record<string, unknown>, location: (row.location as string | null) ?? null, alsoIn: [...((row.alsoIn as string[] | null) ?? [])].sort(), links: (row.links as [string, string][] | null) ?? [] };
  }
  if (t === 'edge') return { t, id: String(row.id), props: row.props as Record<string, unknown>, from: String(row.a), to: String(row.b) };
  return { t: t as 'own' | 'parent', from: String(row.a), to: String(row.b) };
}

/** Streams the snapshot rows (countries included, incidents excluded). */
export async function streamSnapshot(db: GraphDb, onRow: (row: SnapshotRow) => void): Promise<void> {
  await db.stream(SNAPSHOT, { metaId: META_ID, kinds: ['Country', ...DEPENDENCY_KINDS], structural: STRUCTURAL_TYPES }, (row) => onRow(toSnapshotRow(row)));
}
