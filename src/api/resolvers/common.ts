/** Resolvers of common.graphql: node look-up, stats, search, deleteNode. */
import type { Resolvers } from '../../generated/resolvers';
import { deleteNode } from '../../services/node-writes';
import { stats } from '../../services/graph-reads';
import { searchOrSnapshot } from '../../services/snapshot-reads';

export const commonResolvers: Resolvers = {
  Node: {
    __resolveType: (n) => n.kind,
  },
  Query: {
    node: (_, { id }, ctx) => ctx.nodes.load(id),
    nodes: async (_, { ids }, ctx) => {
      const found = await ctx.nodes.loadMany(ids);
      return found.map((n) => (n instanceof Error ? null : n));
    },
    graphStats: (_, __, ctx) => stats(ctx.db, ctx.clearance),
    search: (_, { text, kinds, first }, ctx) => searchOrSnapshot(ctx, text, kinds, first ?? 20),
  },
  Mutation: {
    deleteNode: (_, { id, force, expectedRevision }, ctx) => deleteNode(ctx, { id, force: force ?? false, expectedRevision }),
  },
  DeleteResult: {
    orphaned: (r) => r.orphaned ?? [],
    adjusted: (r) => r.adjusted ?? [],
  },
};
