/** Resolvers of country.graphql. */
import { REL } from '../../../graph-schema/vocabulary';
import type { Resolvers } from '../../generated/resolvers';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { nodeFields, prop, related } from './node-fields';

export const countryResolvers: Resolvers = {
  Country: {
    ...nodeFields,
    alpha3: (n) => prop(n, 'alpha3'),
    numeric: (n) => prop(n, 'numeric'),
    natoMember: (n) => prop(n, 'natoMember'),
    accessionYear: (n) => prop(n, 'accessionYear') ?? null,
    latitude: (n) => prop(n, 'latitude'),
    longitude: (n) => prop(n, 'longitude'),
    functions: (n, _, ctx) => related(n, REL.SERVES, 'in', ctx),
    providers: (n, _, ctx) => related(n, REL.HEADQUARTERED_IN, 'in', ctx),
    facilities: (n, _, ctx) => related(n, REL.LOCATED_IN, 'in', ctx),
  },
  Query: {
    countries: (_, args, ctx) => listKindOrSnapshot(ctx, 'Country', args),
  },
  Mutation: {
    createCountry: async (_, { input }, ctx) => ctx.nodes.load((await createNode(ctx, 'Country', input)).id),
    updateCountry: async (_, { id, expectedRevision, input }, ctx) =>
      ctx.nodes.load((await updateNode(ctx, { kind: 'Country', id, expectedRevision, input })).id),
  },
};
