/** Resolvers of dependency.graphql. */
import { edgeCarriage } from '../../../graph-schema/vocabulary';
import type { Resolvers } from '../../generated/resolvers';
import { listDependenciesOrSnapshot, neighbourhoodOrSnapshot } from '../../services/snapshot-reads';
import {
  claimDependency,
  createDependencies,
  createDependency,
  deleteDependency,
  setRedundancyGroup,
  updateDependency,
} from '../../services/dependency-writes';
import { loadDependencies } from '../context';
import type { DependencyModel } from '../../store/models';

const carriage = (d: DependencyModel) => edgeCarriage(d.record.channel, d.record);

export const dependencyResolvers: Resolvers = {
  Dependency: {
    id: (d) => d.record.id,
    dependent: async (d, _, ctx) => (await ctx.nodes.load(d.record.dependent))!,
    supplier: async (d, _, ctx) => (await ctx.nodes.load(d.record.supplier))!,
    type: (d) => d.record.type,
    channel: (d) => d.record.channel,
    trustCarrying: (d) => carriage(d).integrity,
    strength: (d) => d.record.strength,
    redundancyGroup: (d) => d.record.redundancyGroup ?? null,
    minAlive: (d) => d.record.minAlive,
    propagation: (d) => d.record.propagation,
    delayHours: (d) => d.record.delayHours,
    recoveryHours: (d) => d.record.recoveryHours ?? null,
    graceHours: (d) => d.record.graceHours ?? null,
    carriesAvailability: (d) => d.record.carriesAvailability ?? null,
    carriesIntegrity: (d) => d.record.carriesIntegrity ?? null,
    capacityShare: (d) => d.record.capacityShare ?? null,
    effectiveGraceHours: (d) => carriage(d).graceHours,
    effectiveCarriesAvailability: (d) => carriage(d).availability,
    effectiveCarriesIntegrity: (d) => carriage(d).integrity,
    crossBorder: (d) =>
      d.dependentCountry != null && d.supplierCountry != null && d.dependentCountry !== d.supplierCountry,
    provenance: (d) => ({
      source: d.record.source,
      confidence: d.record.confidence,
      illustrative: d.record.illustrative,
      tlp: d.record.tlp ?? 'CLEAR',
      sharedWith: d.record.sharedWith ?? [],
      sharedWithUsers: d.record.sharedWithUsers ?? [],
      updatedAt: d.record.updatedAt,
    }),
    revision: (d) => d.revision ?? 1,
  },
  Query: {
    dependency: (_, { id }, ctx) => ctx.dependencies.load(id),
    dependencies: (_, args, ctx) => listDependenciesOrSnapshot(ctx, args),
    neighbourhood: (_, { id, direction, depth }, ctx) =>
      neighbourhoodOrSnapshot(ctx, id, direction ?? 'DEPENDENCIES', depth ?? 1),
  },
  Neighbourhood: {
    root: (n) => n.root,
  },
  Mutation: {
    createDependency: async (_, { input }, ctx) => ctx.dependencies.load(await createDependency(ctx, input)),
    createDependencies: async (_, { inputs }, ctx) => loadDependencies(ctx, await createDependencies(ctx, inputs)),
    setRedundancyGroup: async (_, { input }, ctx) => loadDependencies(ctx, await setRedundancyGroup(ctx, input)),
    claimDependency: async (_, { input }, ctx) => ctx.dependencies.load(await claimDependency(ctx, input)),
    updateDependency: async (_, { id, expectedRevision, input }, ctx) =>
      ctx.dependencies.load(await updateDependency(ctx, id, expectedRevision, input)),
    deleteDependency: async (_, { id, expectedRevision }, ctx) => ({
      id,
      detached: [await deleteDependency(ctx, { id, expectedRevision })],
    }),
  },
};

