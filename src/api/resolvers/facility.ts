/** Resolvers of facility.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { nodeFields, prop, refMany, refOne } from './node-fields';

export const facilityResolvers: Resolvers = {
  Facility: {
    ...nodeFields,
    facilityKind: (n) => prop(n, 'kind'),
    country: (n, _, ctx) => refOne(n, 'country', ctx),
    countries: (n, _, ctx) => refMany(n, 'countries', ctx),
    operator: (n, _, ctx) => refOne(n, 'operator', ctx),
    city: (n) => prop(n, 'city') ?? null,
    latitude: (n) => prop<number | null>(n, 'latitude') ?? null,
    longitude: (n) => prop<number | null>(n, 'longitude') ?? null,
  },
  Query: {
    facilities: (_, args, ctx) => listKindOrSnapshot(ctx, 'Facility', args),
  },
  Mutation: {
    createFacility: async (_, { input }, ctx) => ctx.nodes.load((await createNode(ctx, 'Facility', input)).id),
    updateFacility: async (_, { id, expectedRevision, input }, ctx) =>
      ctx.nodes.load((await updateNode(ctx, { kind: 'Facility', id, expectedRevision, input })).id),
  },
};
