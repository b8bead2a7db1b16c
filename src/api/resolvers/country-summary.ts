/** Resolvers of country-summary.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { countrySummary } from '../../services/graph-reads';

export const countrySummaryResolvers: Resolvers = {
  Query: {
    countrySummary: (_, { country }, ctx) => countrySummary(ctx.db, country, ctx.clearance),
  },
};
