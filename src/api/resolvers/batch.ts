/** Resolvers of batch.graphql: the batch runs in one transaction; its results are read after commit. */
import type { Resolvers } from '../../generated/resolvers';
import { applyChanges } from '../../services/batch-writes';

export const batchResolvers: Resolvers = {
  Mutation: {
    applyChanges: (_, { changes }, ctx) => applyChanges(ctx, changes),
  },
  ChangeResult: {
    node: (r, _, ctx) => (r.action === 'DELETE' || r.isDependency ? null : ctx.nodes.load(r.id)),
    dependency: (r, _, ctx) => (r.action === 'DELETE' || !r.isDependency ? null : ctx.dependencies.load(r.id)),
  },
};
