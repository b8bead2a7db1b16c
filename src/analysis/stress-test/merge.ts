/**
 * Exact merge of two stress-test tallies over adjacent run ranges: counts add
 * (integers), per-run arrays concatenate in run order. Whatever the split of the
 * runs, merging the pieces gives the tally of one pass. O(F + C + runs).
 */
import { AnalysisInputError } from '../errors';
import type { StressTally } from './types';

/** Merges tallies of adjacent ranges ([a.runsFrom, a.runsTo) then [a.runsTo, b.runsTo), in either argument order). */
export function mergeStressTallies(a: StressTally, b: StressTally): StressTally {
  checkTally(a, 'a');
  checkTally(b, 'b');
  if (b.runsTo === a.runsFrom && a.runsFrom !== a.runsTo) [a, b] = [b, a];
  if (a.runsTo !== b.runsFrom) {
    throw new AnalysisInputError(
      'b',
      `runs [${b.runsFrom}, ${b.runsTo}) are not adjacent to [${a.runsFrom}, ${a.runsTo})`,
    );
  }
  if (a.functionFailures.length !== b.functionFailures.length || a.countryFailures.length !== b.countryFailures.length) {
    throw new AnalysisInputError('b', 'tallies of different graphs or contexts (function or country counts differ)');
  }
  const functionFailures = a.functionFailures.slice();
  for (let i = 0; i < functionFailures.length; i++) functionFailures[i]! += b.functionFailures[i]!;
  const functionDegradations = a.functionDegradations.slice();
  for (let i = 0; i < functionDegradations.length; i++) functionDegradations[i]! += b.functionDegradations[i]!;
  const countryFailures = a.countryFailures.slice();
  for (let i = 0; i < countryFailures.length; i++) countryFailures[i]! += b.countryFailures[i]!;
  const runs = b.runsTo - a.runsFrom;
  const runFunctions = new Int32Array(runs);
  runFunctions.set(a.runFunctions, 0);
  runFunctions.set(b.runFunctions, a.runFunctions.length);
  const runImportance = new Float64Array(runs);
  runImportance.set(a.runImportance, 0);
  runImportance.set(b.runImportance, a.runImportance.length);
  return { runsFrom: a.runsFrom, runsTo: b.runsTo, functionFailures, functionDegradations, countryFailures, runFunctions, runImportance };
}

function checkTally(t: StressTally, argument: string): void {
  if (
    t === null ||
    typeof t !== 'object' ||
    !(t.functionFailures instanceof Int32Array) ||
    !(t.functionDegradations instanceof Int32Array) ||
    t.functionDegradations.length !== t.functionFailures.length ||
    !(t.countryFailures instanceof Int32Array) ||
    !(t.runFunctions instanceof Int32Array) ||
    !(t.runImportance instanceof Float64Array) ||
    !Number.isSafeInteger(t.runsFrom) ||
    !Number.isSafeInteger(t.runsTo) ||
    t.runFunctions.length !== t.runsTo - t.runsFrom ||
    t.runImportance.length !== t.runsTo - t.runsFrom
  ) {
    throw new AnalysisInputError(argument, 'is not a stress-test tally');
  }
}
