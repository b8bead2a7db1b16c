/** Resolvers of facility.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { loadWritten, nodeFields, prop, refMany, refRequired } from './node-fields';

export const facilityResolvers: Resolvers = {
  Facility: {
    ...nodeFields,
    facilityKind: (n) => prop(n, 'kind'),
    country: (n, _, ctx) => refRequired(n, 'country', ctx),
    countries: (n, _, ctx) => refMany(n, 'countries', ctx),
    operator: (n, _, ctx) => refRequired(n, 'operator', ctx),
    city: (n) => prop(n, 'city') ?? null,
    latitude: (n) => prop<number | null>(n, 'latitude') ?? null,
    longitude: (n) => prop<number | null>(n, 'longitude') ?? null,
  },
  Query: {
    facilities: (_, args, ctx) => listKindOrSnapshot(ctx, 'Facility', args),
  },
  Mutation: {
    createFacility: async (_, { input }, ctx) => loadWritten(ctx, await createNode(ctx.db, 'Facility', input)),
    updateFacility: async (_, { id, input }, ctx) =>
      loadWritten(ctx, await updateNode(ctx.db, 'Facility', id, input)),
  },
};
