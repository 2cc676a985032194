/** What every per-network record carries: when it last changed (the eviction key). */
export interface NetworkRecord {
  modifiedAt: number;
}

/**
 * Per-network learned state of one connection, keyed by network (carrier or Wi-Fi network),
 * bounded like Mars's Heartbeat.ini (at most 20 sections): when full, opening a new network
 * evicts the least recently modified record.
 *
 * There is one of these per connection, a million in a large run, and a phone rarely sees
 * more than two or three networks: so two small parallel arrays searched linearly, not a Map
 * (a Map costs several hundred bytes even when it holds one entry).
 */
export class NetworkMemory<R extends NetworkRecord> {
  // Created on first use as one-element literals: `push` onto an empty array would reserve
  // room for 17 elements, several times the size of the one record most phones ever have.
  private keys: string[] | null = null;
  private recs: R[] | null = null;

  get(key: string): R | undefined {
    const i = this.keys === null ? -1 : this.keys.indexOf(key);
    return i < 0 ? undefined : this.recs![i];
  }

  has(key: string): boolean {
    return this.keys?.includes(key) === true;
  }

  /** Files `r` under a key not yet present, first evicting when `capacity` is reached. */
  add(key: string, capacity: number, r: R): R {
    if (this.keys === null || this.recs === null) {
      this.keys = [key];
      this.recs = [r];
      return r;
    }
    if (this.keys.length >= capacity) this.evictOldest(this.keys, this.recs);
    this.keys.push(key);
    this.recs.push(r);
    return r;
  }

  get size(): number {
    return this.keys === null ? 0 : this.keys.length;
  }

  private evictOldest(keys: string[], recs: R[]): void {
    // Ties go to the earliest inserted, which is deterministic within a run.
    let oldest = 0;
    for (let i = 1; i < recs.length; i++) {
      if (recs[i].modifiedAt < recs[oldest].modifiedAt) oldest = i;
    }
    keys.splice(oldest, 1);
    recs.splice(oldest, 1);
  }
}
