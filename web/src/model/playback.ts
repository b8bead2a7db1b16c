/**
 * Cascade playback frames: the affected nodes of a blast radius grouped by
 * wave (the length of each node's explanation path; index = wave, waves no
 * node reached are empty), each wave ordered by hour — for a COMPROMISE the
 * median hour over the runs — then id.
 */
import type { AffectedState } from '../api/generated';

export interface AffectedLike {
  node: { id: string };
  state: AffectedState;
  wave: number;
  hour: number;
  probability: number;
}

export function wavesOf(affected: readonly AffectedLike[]): string[][] {
  const last = affected.reduce((max, a) => Math.max(max, a.wave), -1);
  const waves: AffectedLike[][] = Array.from({ length: last + 1 }, () => []);
  for (const a of affected) waves[a.wave]!.push(a);
  return waves.map((w) => w.sort((x, y) => x.hour - y.hour || (x.node.id < y.node.id ? -1 : 1)).map((a) => a.node.id));
}

/** How a node looks at one point of the playback. */
export interface CascadeMark {
  state: 'origin' | 'failed' | 'compromised' | 'degraded';
  probability: number;
}

const MARK: Record<AffectedState, CascadeMark['state']> = {
  ORIGIN: 'origin',
  FAILED: 'failed',
  COMPROMISED: 'compromised',
  DEGRADED: 'degraded',
};

/** The marks of every node affected up to and including wave `position`. */
export function marksAt(affected: readonly AffectedLike[], position: number): Map<string, CascadeMark> {
  const marks = new Map<string, CascadeMark>();
  for (const a of affected) if (a.wave <= position) marks.set(a.node.id, { state: MARK[a.state], probability: a.probability });
  return marks;
}
