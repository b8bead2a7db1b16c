/**
 * Outage simulation (rules HARD, THRESHOLD, DISTRESS)
 * ===================================================
 * [Reference]: HARD: W. E. Vesely et al., "Fault Tree Handbook", NUREG-0492, 1981,
 *   and S. V. Buldyrev et al., Nature 464, 2010; THRESHOLD: D. J. Watts, PNAS 99,
 *   2002; DISTRESS: S. Battiston et al., "DebtRank", Sci. Rep. 2, 541, 2012.
 * Complexity: O((n + m) log m) for HARD and THRESHOLD (./cascade); DISTRESS see
 *   ./distress. O(n + m) memory.
 *
 * Checks the options, then runs one deterministic outage: the origins fail at
 * hour 0 (wave 0) and stay down `durationHours` (null = until further notice);
 * `seeded` nodes fail at their own hour for as long, unless the cascade reaches
 * them earlier (under DISTRESS they are part of the shock and keep their hour).
 * Failure travels only along DEPENDS_ON, from supplier to dependent. Unaffected
 * nodes have failHour Infinity, restoreHour NaN, criticalEdge and wave -1,
 * distress 0.
 */
import { timedCascade, type CascadeSource, type CascadeState } from './cascade';
import { distressCascade } from './distress';
import { throwIfProblems } from '../errors';
import type { OutageOptions, OutageResult, PropagationGraph } from './types';
import { checkGraph, checkNodeList, checkOneOf, isNodeIndex, showValue } from './validate';
import { OUTAGE_RULES } from '../../../graph-schema/vocabulary';

export { hardFailureSet } from './hard-failure-set';
export { debtRankLoss } from './distress';

export function simulateOutage(g: PropagationGraph, options: OutageOptions): OutageResult {
  const { rule, sources } = checkOutageOptions(g, options);
  let state: CascadeState;
  let distress: Float64Array;
  let failed: Uint8Array;
  if (rule === 'DISTRESS') {
    const result = distressCascade(g, sources);
    state = result;
    distress = result.distress;
    failed = result.failed;
  } else {
    const result = timedCascade(g, rule, sources);
    state = result;
    distress = result.loss;
    failed = result.failed;
  }
  const { failHour, wave } = state;
  const affected: number[] = [];
  for (let v = 0; v < g.n; v++) if (distress[v]! > 0) affected.push(v);
  affected.sort((a, b) => failHour[a]! - failHour[b]! || wave[a]! - wave[b]! || a - b);
  return { rule, failHour: state.failHour, restoreHour: state.restoreHour, criticalEdge: state.criticalEdge, wave: state.wave, distress, failed, affected: Int32Array.from(affected) };
}

/** Checks `options` (throwing every problem at once) and returns the failing sources. */
function checkOutageOptions(g: PropagationGraph, options: OutageOptions): { rule: OutageOptions['rule']; sources: CascadeSource[] } {
  const problems: string[] = [];
  if (!checkGraph(g, problems)) throwIfProblems(problems);
  if (options === null || typeof options !== 'object') {
    problems.push('options: must be an object');
    throwIfProblems(problems);
  }
  checkOneOf(options.rule, OUTAGE_RULES, 'options.rule', problems);
  const origins = checkNodeList(g, options.origins, 'options.origins', problems);
  const duration = options.durationHours ?? Infinity;
  if (options.durationHours !== undefined && options.durationHours !== null) {
    if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) {
      problems.push(`options.durationHours: must be null or a finite number >= 0, got ${showValue(options.durationHours)}`);
    }
  }
  const seededHour = new Map<number, number>();
  if (options.seeded !== undefined) {
    if (!Array.isArray(options.seeded)) problems.push('options.seeded: must be an array of { node, hour }');
    else
      options.seeded.forEach((item: unknown, i) => {
        const { node, hour } = (item ?? {}) as { node?: unknown; hour?: unknown };
        if (!isNodeIndex(g, node)) problems.push(`options.seeded[${i}].node: not a node index in 0..${g.n - 1}, got ${showValue(node)}`);
        if (typeof hour !== 'number' || !Number.isFinite(hour) || hour < 0) {
          problems.push(`options.seeded[${i}].hour: must be a finite number >= 0, got ${showValue(hour)}`);
        } else if (isNodeIndex(g, node)) {
          seededHour.set(node, Math.min(hour, seededHour.get(node) ?? Infinity));
        }
      });
  }
  throwIfProblems(problems);

  const sources: CascadeSource[] = origins.map((node) => ({ node, hour: 0, length: duration }));
  const isOrigin = new Set(origins);
  const seeded = [...seededHour].filter(([node]) => !isOrigin.has(node)).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  for (const [node, hour] of seeded) sources.push({ node, hour, length: duration });
  return { rule: options.rule, sources };
}
