/** Resolvers of path.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { pathOrSnapshot } from '../../services/snapshot-reads';

export const pathResolvers: Resolvers = {
  Query: {
    shortestDependencyPath: (_, { from, to, directed, maxDepth }, ctx) =>
      pathOrSnapshot(ctx, from, to, directed ?? true, maxDepth ?? 8),
  },
};
