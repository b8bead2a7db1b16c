/** Resolvers of graph-view.graphql: the view is plain data built from the request's snapshot. */
import type { Resolvers } from '../../generated/resolvers';

export const graphViewResolvers: Resolvers = {
  Query: {
    graphView: async (_, __, ctx) => ctx.analysis.graphView(await ctx.snapshot()),
  },
};
