/**
 * Binary min-heap of timed events
 * ===============================
 * [Reference]: J. W. J. Williams, "Algorithm 232: Heapsort", CACM 7(6), 1964.
 * Complexity: O(log k) per push and pop for k queued events; O(k) memory.
 *
 * Events are ordered by (hour, rank, id) lexicographically; the engine uses
 * rank = the wave of the node that sent the event and id = the edge index, which
 * makes every tie deterministic. Keys live in parallel typed arrays that grow by
 * doubling, so a heap can be cleared and reused without allocation.
 */
export class EventHeap {
  private hours = new Float64Array(64);
  private ranks = new Int32Array(64);
  private ids = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(hour: number, rank: number, id: number): void {
    if (this.size === this.hours.length) this.grow();
    const hours = this.hours;
    const ranks = this.ranks;
    const ids = this.ids;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ph = hours[parent]!;
      const pr = ranks[parent]!;
      if (ph < hour || (ph === hour && (pr < rank || (pr === rank && ids[parent]! <= id)))) break;
      hours[i] = ph;
      ranks[i] = pr;
      ids[i] = ids[parent]!;
      i = parent;
    }
    hours[i] = hour;
    ranks[i] = rank;
    ids[i] = id;
  }

  /** Hour, rank and id of the smallest event; call only when size > 0. */
  peekHour(): number {
    return this.hours[0]!;
  }
  peekRank(): number {
    return this.ranks[0]!;
  }
  peekId(): number {
    return this.ids[0]!;
  }

  /** Removes the smallest event (read it first with the peek methods). */
  pop(): void {
    const hours = this.hours;
    const ranks = this.ranks;
    const ids = this.ids;
    const last = --this.size;
    if (last === 0) return;
    const hour = hours[last]!;
    const rank = ranks[last]!;
    const id = ids[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && less(hours, ranks, ids, right, child)) child = right;
      const ch = hours[child]!;
      const cr = ranks[child]!;
      const ci = ids[child]!;
      if (hour < ch || (hour === ch && (rank < cr || (rank === cr && id <= ci)))) break;
      hours[i] = ch;
      ranks[i] = cr;
      ids[i] = ci;
      i = child;
    }
    hours[i] = hour;
    ranks[i] = rank;
    ids[i] = id;
  }

  private grow(): void {
    const size = this.hours.length * 2;
    const hours = new Float64Array(size);
    const ranks = new Int32Array(size);
    const ids = new Int32Array(size);
    hours.set(this.hours);
    ranks.set(this.ranks);
    ids.set(this.ids);
    this.hours = hours;
    this.ranks = ranks;
    this.ids = ids;
  }
}

function less(hours: Float64Array, ranks: Int32Array, ids: Int32Array, a: number, b: number): boolean {
  const ha = hours[a]!;
  const hb = hours[b]!;
  if (ha !== hb) return ha < hb;
  const ra = ranks[a]!;
  const rb = ranks[b]!;
  if (ra !== rb) return ra < rb;
  return ids[a]! < ids[b]!;
}
