import { describe, expect, it } from 'vitest';
import { marksAt, wavesOf } from './playback';
import type { AffectedLike } from './playback';

const a = (id: string, wave: number, hour: number, state: AffectedLike['state'] = 'FAILED', probability = 1): AffectedLike => ({ node: { id }, state, wave, hour, probability });

describe('wavesOf', () => {
  it('is empty for no affected nodes', () => {
    expect(wavesOf([])).toEqual([]);
  });

  it('groups by wave (index = wave), orders each wave by hour then id, and keeps waves nothing reached', () => {
    expect(wavesOf([a('o', 0, 0, 'ORIGIN'), a('c', 1, 5), a('b', 1, 2), a('a', 1, 2), a('z', 3, 9)])).toEqual([['o'], ['a', 'b', 'c'], [], ['z']]);
  });
});

describe('marksAt', () => {
  it('marks the nodes of every wave up to the position, with their state and probability', () => {
    const affected = [a('o', 0, 0, 'ORIGIN'), a('c', 1, 1, 'COMPROMISED', 0.25), a('d', 2, 1, 'DEGRADED')];
    expect([...marksAt(affected, 1)]).toEqual([
      ['o', { state: 'origin', probability: 1 }],
      ['c', { state: 'compromised', probability: 0.25 }],
    ]);
    expect(marksAt(affected, -1).size).toBe(0);
  });
});
