/** Resolvers of path.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { dependencyPath } from '../../services/graph-reads';

export const pathResolvers: Resolvers = {
  Query: {
    shortestDependencyPath: (_, { from, to, directed, maxDepth }, ctx) =>
      dependencyPath(ctx.db, from, to, directed ?? true, maxDepth ?? 8, ctx.clearance),
  },
};
