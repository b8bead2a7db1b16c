/**
 * The outage length an analysis runs with, from a request's `durationHours` and
 * `openEnded` (graph-schema/README.md, "Durations are bounded by default"): the
 * default when neither is given, null (no end) only when asked for.
 */
import { DEFAULT_DURATION_HOURS } from '../../../graph-schema/vocabulary';
import type { ErrorDetail } from '../../errors';

export const MAX_DURATION_HOURS = 1e6;

/** The duration (null = open-ended) and the problems of the request, if any. */
export function resolveDuration(durationHours: number | null | undefined, openEnded: boolean | null | undefined): { durationHours: number | null; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const given = durationHours !== null && durationHours !== undefined;
  if (openEnded === true && given) problems.push({ path: 'durationHours', message: 'give either durationHours or openEnded: true, not both' });
  const resolved = openEnded === true ? null : (durationHours ?? DEFAULT_DURATION_HOURS);
  if (resolved !== null && !(Number.isFinite(resolved) && resolved >= 0 && resolved <= MAX_DURATION_HOURS)) {
    problems.push({
      path: 'durationHours',
      message: `durationHours must be a number of hours from 0 to ${MAX_DURATION_HOURS} (got ${resolved}); for an outage with no end, pass openEnded: true`,
    });
  }
  return { durationHours: resolved, problems };
}
