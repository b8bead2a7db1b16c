/**
 * Per-caller rate limit: a token bucket per key (the caller's id once signed
 * in, else the remote address), refilled continuously at `perMinute` tokens a
 * minute up to `burst`. One request takes one token; an empty bucket answers
 * with how long until the next token (HTTP 429, Retry-After).
 */
import { RateLimitedError } from '../errors';

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full (idle) ones are dropped. */
const MAX_BUCKETS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly limits: { perMinute: number; burst: number },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.perMs = limits.perMinute / 60_000;
  }

  /** Takes a token for `key`; throws RateLimitedError (with retryAfterSeconds) when there is none. */
  take(key: string): void {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limits.burst, at: now };
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
      throw new RateLimitedError(
        `rate limit: at most ${this.limits.perMinute} requests a minute (bursts of ${this.limits.burst}); retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_BUCKETS) this.evictFull(now);
  }

  private evictFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.limits.burst) this.buckets.delete(key);
    }
  }
}
