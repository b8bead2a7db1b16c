/** Resolvers of stress-test.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { resultOf } from '../../services/analysis/stress-tests';
import { loadNodeMap } from '../context';

export const stressTestResolvers: Resolvers = {
  Job: {
    id: (m) => m.job.id,
    kind: (m) => m.job.kind,
    owner: (m) => m.owner,
    status: (m) => m.job.status,
    done: (m) => m.job.progress.done,
    total: (m) => m.job.progress.total,
    progress: (m) => m.job.progress.fraction,
    createdAt: (m) => m.job.createdAt,
    finishedAt: (m) => m.job.finishedAt,
    error: (m) => m.job.error,
    result: async (m, _, ctx) => {
      const r = resultOf(m);
      if (!r) return null;
      const functions = r.functions.filter((f) => f.failures > 0 || (f.degraded?.failures ?? 0) > 0).sort((a, b) => b.probability - a.probability || (a.id < b.id ? -1 : 1));
      const countries = [...r.countries].sort((a, b) => b.probability - a.probability || (a.id < b.id ? -1 : 1));
      const nodes = await loadNodeMap(ctx, [...functions.map((f) => f.id), ...countries.map((c) => c.id)]);
      const probability = (p: { probability: number; lower: number; upper: number }) => ({ estimate: p.probability, low: p.lower, high: p.upper });
      return {
        runId: r.runId,
        runs: r.runs,
        seed: r.seed,
        snapshotVersion: r.snapshotVersion,
        functions: functions.filter((f) => nodes.has(f.id)).map((f) => ({
          function: nodes.get(f.id)!,
          probability: probability(f),
          // Results computed before degradations were counted have none.
          degraded: probability(f.degraded ?? { probability: 0, lower: 0, upper: 0 }),
        })),
        countries: countries.filter((c) => nodes.has(c.id)).map((c) => ({ country: nodes.get(c.id)!, probability: probability(c) })),
        functionsLost: r.functionsLost.count,
        importanceLost: r.functionsLost.importance,
      };
    },
  },
  Query: {
    job: (_, { id }, ctx) => ctx.analysis.stressTests.get(id, ctx.caller),
    jobs: (_, { status, first }, ctx) => ctx.analysis.stressTests.list(ctx.caller, { status, first }),
  },
  Mutation: {
    stressTest: (_, { input }, ctx) => ctx.analysis.startStressTest(input, ctx.caller),
    cancelJob: (_, { id }, ctx) => ctx.analysis.stressTests.cancel(id, ctx.caller),
  },
};
