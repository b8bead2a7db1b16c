/** Resolvers of critical-function.graphql. */
import { DEFAULTS } from '../../../graph-schema/vocabulary';
import type { Resolvers } from '../../generated/resolvers';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { loadWritten, nodeFields, prop, refRequired } from './node-fields';

export const criticalFunctionResolvers: Resolvers = {
  CriticalFunction: {
    ...nodeFields,
    sector: (n) => prop(n, 'sector'),
    cisaSector: (n) => prop(n, 'cisaSector'),
    country: (n, _, ctx) => refRequired(n, 'country', ctx),
    importance: (n) => prop<number | null>(n, 'importance') ?? DEFAULTS.importance,
    importanceRule: (n) => prop(n, 'importanceRule'),
    description: (n) => prop(n, 'description') ?? null,
  },
  Query: {
    criticalFunctions: (_, args, ctx) => listKindOrSnapshot(ctx, 'CriticalFunction', args),
  },
  Mutation: {
    createCriticalFunction: async (_, { input }, ctx) =>
      loadWritten(ctx, await createNode(ctx.db, 'CriticalFunction', input)),
    updateCriticalFunction: async (_, { id, input }, ctx) =>
      loadWritten(ctx, await updateNode(ctx.db, 'CriticalFunction', id, input)),
  },
};
