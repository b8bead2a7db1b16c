/** Resolvers of blast-radius.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { hydrate } from '../../services/analysis/hydrate';

export const blastRadiusResolvers: Resolvers = {
  Query: {
    blastRadius: async (_, { input }, ctx) => hydrate(ctx, await ctx.analysis.blastRadius(input, ctx.caller)),
  },
};
