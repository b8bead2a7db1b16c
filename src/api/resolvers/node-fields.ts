/**
 * Field resolvers shared by every node type (the Node interface) and helpers
 * for reference fields, which go through the request's DataLoaders.
 */
import { DEFAULTS } from '../../../graph-schema/vocabulary';
import type { Confidence, Tlp , REL } from '../../../graph-schema/vocabulary';
import { NotFoundError } from '../../errors';
import type { ApiContext } from '../context';
import { loadNodes } from '../context';
import type { NodeModel } from '../../store/models';

export const prop = <T>(node: NodeModel, key: string): T => node.props[key] as T;

export const nodeFields = {
  id: (n: NodeModel) => n.id,
  name: (n: NodeModel) => prop<string>(n, 'name'),
  kind: (n: NodeModel) => n.kind,
  threshold: (n: NodeModel) => prop<number | null>(n, 'threshold') ?? DEFAULTS.threshold,
  revision: (n: NodeModel) => prop<number | null>(n, 'revision') ?? 1,
  provenance: (n: NodeModel) => ({
    source: prop<string>(n, 'source'),
    confidence: prop<Confidence>(n, 'confidence'),
    illustrative: prop<boolean>(n, 'illustrative'),
    tlp: prop<Tlp | null>(n, 'tlp') ?? DEFAULTS.tlp,
    sharedWith: prop<string[] | null>(n, 'sharedWith') ?? [],
    sharedWithUsers: prop<string[] | null>(n, 'sharedWithUsers') ?? [],
    updatedAt: prop<string>(n, 'updatedAt'),
  }),
};

/** The single node a reference field points to (e.g. a facility's operator). */
export async function refOne(n: NodeModel, field: string, ctx: ApiContext): Promise<NodeModel | null> {
  const id = n.refs[field]?.[0];
  return id === undefined ? null : ctx.nodes.load(id);
}

/**
 * A reference the schema declares non-null (a facility's operator, a
 * service's provider): NOT_FOUND naming the node and the missing reference
 * when the record has none, never a null where the schema promises a value.
 */
export async function refRequired(n: NodeModel, field: string, ctx: ApiContext): Promise<NodeModel> {
  const found = await refOne(n, field, ctx);
  if (!found) throw new NotFoundError(`${n.id} has no ${field} (it may have been deleted with force)`);
  return found;
}

/** A node just written (by id): NOT_FOUND if it is gone by the time it is read back. */
export async function loadWritten(ctx: ApiContext, id: string): Promise<NodeModel> {
  const found = await ctx.nodes.load(id);
  if (!found) throw new NotFoundError(`${id} was written but is no longer stored`);
  return found;
}

export async function refMany(n: NodeModel, field: string, ctx: ApiContext): Promise<NodeModel[]> {
  return loadNodes(ctx, n.refs[field] ?? []);
}

type RelType = (typeof REL)[keyof typeof REL];

/** Nodes related to `n` by a structural relationship the node's own record does not hold (reverse side). */
export async function related(n: NodeModel, rel: RelType, direction: 'out' | 'in', ctx: ApiContext): Promise<NodeModel[]> {
  const ids = await ctx.related.load(`${rel}|${direction}|${n.id}`);
  return loadNodes(ctx, ids);
}
