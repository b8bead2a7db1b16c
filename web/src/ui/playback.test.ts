import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Playback, WAVE_INTERVAL_MS } from './playback';

describe('Playback', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does nothing without waves', () => {
    const p = new Playback(() => undefined);
    p.play();
    p.step();
    expect(p.coloredWaves()).toEqual([]);
    expect(p.done).toBe(false);
  });

  it('plays wave by wave to the end, then restarts from wave 0 on play', () => {
    const seen: [number, boolean][] = [];
    const p = new Playback((position, playing) => seen.push([position, playing]));
    p.load([['o'], ['a', 'b'], ['c']]);
    expect(p.coloredWaves()).toEqual([['o']]);
    p.play();
    vi.advanceTimersByTime(WAVE_INTERVAL_MS * 2);
    expect(p.done).toBe(true);
    expect(p.playing).toBe(false);
    expect(p.coloredWaves()).toEqual([['o'], ['a', 'b'], ['c']]);
    expect(seen).toEqual([
      [0, false],
      [0, true],
      [1, true],
      [2, false],
    ]);
    p.play();
    expect(p.current).toBe(0);
    expect(p.done).toBe(false);
  });

  it('steps, seeks within bounds and pauses', () => {
    const p = new Playback(() => undefined);
    p.load([['o'], ['a'], ['b']]);
    p.step();
    expect(p.current).toBe(1);
    p.seek(99);
    expect(p.current).toBe(2);
    p.step();
    expect(p.current).toBe(2);
    p.seek(0);
    p.play();
    p.pause();
    vi.advanceTimersByTime(WAVE_INTERVAL_MS * 5);
    expect(p.current).toBe(0);
  });

  it('is done at once for a single wave', () => {
    const p = new Playback(() => undefined);
    p.load([['o']]);
    p.play();
    expect(p.done).toBe(true);
    expect(p.playing).toBe(false);
  });
});
