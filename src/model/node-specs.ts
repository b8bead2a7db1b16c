/**
 * How each node kind's record maps onto the graph: which record fields are
 * stored as properties and which become structural relationships. The store's
 * generic writers and readers are driven by this table, so adding a property
 * is a one-line change here and in the vocabulary.
 */
import { NODE_PROPERTIES, PROVENANCE_KEYS, REL } from '../../graph-schema/vocabulary';
import type { NodeKind, RelType } from '../../graph-schema/vocabulary';

export interface RefSpec {
  /** Record field holding the referenced id (or ids when `many`). */
  field: string;
  rel: RelType;
  /** 'out': (node)-[rel]->(target); 'in': (target)-[rel]->(node). */
  direction: 'out' | 'in';
  /** Kinds the referenced node may have; undefined means any modelled node. */
  targets?: readonly NodeKind[];
  many: boolean;
  required: boolean;
}

export interface NodeSpec {
  kind: NodeKind;
  /** Properties stored on the node, provenance included (id excluded). */
  properties: readonly string[];
  refs: readonly RefSpec[];
}

const ref = (
  field: string,
  rel: RelType,
  direction: 'out' | 'in',
  targets: readonly NodeKind[] | undefined,
  opts: { many?: boolean; required?: boolean } = {},
): RefSpec => ({ field, rel, direction, targets, many: opts.many ?? false, required: opts.required ?? true });

const props = (kind: NodeKind): string[] => [...NODE_PROPERTIES[kind], ...PROVENANCE_KEYS];

export const NODE_SPECS: Record<NodeKind, NodeSpec> = {
  Country: { kind: 'Country', properties: props('Country'), refs: [] },
  Provider: {
    kind: 'Provider',
    properties: props('Provider'),
    refs: [
      ref('headquarters', REL.HEADQUARTERED_IN, 'out', ['Country'], { required: false }),
      ref('parent', REL.SUBSIDIARY_OF, 'out', ['Provider'], { required: false }),
    ],
  },
  Facility: {
    kind: 'Facility',
    properties: props('Facility'),
    refs: [
      ref('country', REL.LOCATED_IN, 'out', ['Country']),
      ref('countries', REL.LANDS_IN, 'out', ['Country'], { many: true, required: false }),
      ref('operator', REL.OPERATES, 'in', ['Provider']),
    ],
  },
  Service: {
    kind: 'Service',
    properties: props('Service'),
    refs: [
      ref('provider', REL.OFFERS, 'in', ['Provider']),
      ref('country', REL.LOCATED_IN, 'out', ['Country'], { required: false }),
    ],
  },
  CriticalFunction: {
    kind: 'CriticalFunction',
    properties: props('CriticalFunction'),
    refs: [ref('country', REL.SERVES, 'out', ['Country'])],
  },
  Incident: {
    kind: 'Incident',
    properties: props('Incident'),
    refs: [ref('origins', REL.ORIGINATED_AT, 'out', undefined, { many: true })],
  },
};

/** Ids a record references, with the spec of each reference. */
export function referencesOf(kind: NodeKind, record: Record<string, unknown>): { spec: RefSpec; id: string }[] {
  const out: { spec: RefSpec; id: string }[] = [];
  for (const spec of NODE_SPECS[kind].refs) {
    const value = record[spec.field];
    if (value === null || value === undefined) continue;
    const ids = Array.isArray(value) ? value : [value];
    for (const id of ids) if (typeof id === 'string') out.push({ spec, id });
  }
  return out;
}
