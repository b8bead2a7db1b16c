/**
 * Playback of a cascade: a position over the waves of a result, advanced by a
 * timer (play), one wave at a time (step) or directly (seek). It knows nothing
 * of the graph; the app redraws on every change.
 */
export const WAVE_INTERVAL_MS = 650;

export class Playback {
  private waves: string[][] = [];
  private position = -1;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly onChange: (position: number, playing: boolean) => void) {}

  /** Starts over with new waves, at wave 0. */
  load(waves: string[][]): void {
    this.stopTimer();
    this.waves = waves;
    this.position = waves.length > 0 ? 0 : -1;
    this.onChange(this.position, false);
  }

  clear(): void {
    this.load([]);
  }

  get length(): number {
    return this.waves.length;
  }

  get current(): number {
    return this.position;
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  /** True once the last wave is shown. */
  get done(): boolean {
    return this.waves.length > 0 && this.position === this.waves.length - 1;
  }

  /** Ids shown at each wave so far (index = wave). */
  coloredWaves(): string[][] {
    return this.waves.slice(0, this.position + 1).map((w) => [...w]);
  }

  /** Plays from the current wave to the end (from wave 0 when at the end). */
  play(): void {
    if (this.waves.length === 0 || this.playing) return;
    if (this.done) this.position = 0;
    if (!this.done) {
      this.timer = setInterval(() => {
        this.position++;
        if (this.done) this.stopTimer();
        this.onChange(this.position, this.playing);
      }, WAVE_INTERVAL_MS);
    }
    this.onChange(this.position, this.playing);
  }

  pause(): void {
    this.stopTimer();
    this.onChange(this.position, false);
  }

  step(): void {
    this.stopTimer();
    if (this.waves.length === 0) return;
    this.position = Math.min(this.waves.length - 1, this.position + 1);
    this.onChange(this.position, false);
  }

  seek(position: number): void {
    this.stopTimer();
    if (this.waves.length === 0) return;
    this.position = Math.max(0, Math.min(this.waves.length - 1, Math.round(position)));
    this.onChange(this.position, false);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
