/** Resolvers of critical-function.graphql. */
import { DEFAULTS } from '../../../graph-schema/vocabulary';
import type { Resolvers } from '../../generated/resolvers';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { nodeFields, prop, refOne } from './node-fields';

export const criticalFunctionResolvers: Resolvers = {
  CriticalFunction: {
    ...nodeFields,
    sector: (n) => prop(n, 'sector'),
    cisaSector: (n) => prop(n, 'cisaSector'),
    country: (n, _, ctx) => refOne(n, 'country', ctx),
    importance: (n) => prop<number | null>(n, 'importance') ?? DEFAULTS.importance,
    importanceRule: (n) => prop(n, 'importanceRule'),
    description: (n) => prop(n, 'description') ?? null,
  },
  Query: {
    criticalFunctions: (_, args, ctx) => listKindOrSnapshot(ctx, 'CriticalFunction', args),
  },
  Mutation: {
    createCriticalFunction: async (_, { input }, ctx) => ctx.nodes.load((await createNode(ctx, 'CriticalFunction', input)).id),
    updateCriticalFunction: async (_, { id, expectedRevision, input }, ctx) =>
      ctx.nodes.load((await updateNode(ctx, { kind: 'CriticalFunction', id, expectedRevision, input })).id),
  },
};
