/** Resolvers of scenario.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { hydrate, hydrateWith, idsOf, lookupFor } from '../../services/analysis/hydrate';
import type { BacktestScore } from '../../analysis/impact/backtest';
import type { ApiContext } from '../context';
import { loadNodeMap } from '../context';

async function hydrateScore(ctx: ApiContext, b: BacktestScore) {
  const nodes = await loadNodeMap(ctx, [...b.namedCountries, ...b.predictedCountries]);
  const pick = (ids: string[]) => ids.map((id) => nodes.get(id)).filter((n) => n !== undefined);
  return {
    precision: b.precision,
    recall: b.recall,
    namedCountries: pick(b.namedCountries),
    modelledCountries: pick(b.modelledCountries),
    notModelled: pick(b.notModelled),
    predictedCountries: pick(b.predictedCountries),
    truePositives: pick(b.truePositives),
  };
}

async function hydrateBacktest(ctx: ApiContext, b: BacktestScore & { publicRecordOnly: BacktestScore | null }) {
  return { ...(await hydrateScore(ctx, b)), publicRecordOnly: b.publicRecordOnly ? await hydrateScore(ctx, b.publicRecordOnly) : null };
}

export const scenarioResolvers: Resolvers = {
  Scenario: {
    incident: (s, _, ctx) => (s.incidentId ? ctx.nodes.load(s.incidentId) : null),
    result: (s, _, ctx) => hydrate(ctx, s.result),
    backtest: async (s, _, ctx) => {
      const b = await ctx.analysis.scenarioBacktest(s);
      return b ? hydrateBacktest(ctx, b) : null;
    },
  },
  Query: {
    scenarios: (_, { first, after, search }, ctx) => ctx.analysis.scenarios(ctx.caller, { first, after, search }),
    scenario: (_, { id }, ctx) => ctx.analysis.scenario(id, ctx.caller),
    compareScenarios: async (_, { a, b }, ctx) => {
      const c = await ctx.analysis.compareScenarios(a, b, ctx.caller);
      const nodes = await loadNodeMap(ctx, [...c.onlyInA, ...c.onlyInB]);
      return { ...c, onlyInA: c.onlyInA.map((id) => nodes.get(id)!), onlyInB: c.onlyInB.map((id) => nodes.get(id)!) };
    },
    mitigate: async (_, { scenario, changes }, ctx) => {
      const m = await ctx.analysis.mitigate(scenario, changes, ctx.caller);
      const ids = idsOf(m.result);
      for (const id of [...m.spared, ...m.newlyAffected]) ids.nodes.add(id);
      const lookup = await lookupFor(ctx, ids.nodes, ids.dependencies, m.result.hypothetical);
      return {
        ...m,
        result: hydrateWith(m.result, lookup),
        spared: m.spared.map((id) => lookup.node(id)),
        newlyAffected: m.newlyAffected.map((id) => lookup.node(id)),
      };
    },
    suggestMitigations: async (_, { scenario, k }, ctx) => {
      const steps = await ctx.analysis.suggestMitigations(scenario, k ?? 3, ctx.caller);
      const lookup = await lookupFor(
        ctx,
        steps.flatMap((s) => (s.candidate.alternative ? [s.candidate.alternative] : [])),
        steps.map((s) => s.candidate.dependency),
      );
      return steps.map((s) => ({
        step: s.step,
        description: s.candidate.description,
        kind: s.candidate.kind,
        dependency: lookup.dependency(s.candidate.dependency),
        alternative: s.candidate.alternative ? lookup.node(s.candidate.alternative) : null,
        reduction: s.reduction,
        remaining: s.remaining,
      }));
    },
    backtest: async (_, { incident, excludeIllustrative, lossProbability, minLoss }, ctx) =>
      hydrateBacktest(ctx, await ctx.analysis.backtest(incident, { excludeIllustrative, lossProbability, minLoss }, ctx.caller)),
  },
  Mutation: {
    saveScenario: (_, { input }, ctx) => ctx.analysis.saveScenario(input, ctx.caller),
    renameScenario: (_, { id, name }, ctx) => ctx.analysis.renameScenario(id, name, ctx.caller),
    deleteScenario: async (_, { id }, ctx) => {
      await ctx.analysis.deleteScenario(id, ctx.caller);
      return { id, detached: [] };
    },
  },
};
