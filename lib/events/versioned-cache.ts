type Entry<T> = { version: number; validUntil: number; value: T };
type Build<T> = () => Promise<{ value: T; version: number; stableForMs: number }>;

/**
 * An in-process cache whose entries are labelled with the version they were built from (read in
 * the same statement as the data, so the label is never newer than the data) and an expiry after
 * which the data would be wrong even without a new version. A reader that has seen version v gets
 * an entry built from v or later: concurrent readers of one version share one build.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly building = new Map<string, Promise<Entry<T>>>();

  constructor(private readonly capacity: number) {}

  async get(key: string, seenVersion: number, build: Build<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version >= seenVersion && Date.now() < hit.validUntil) return hit.value;

    const flightKey = `${key}@${seenVersion}`;
    let flight = this.building.get(flightKey);
    if (!flight) {
      flight = build().then(({ value, version, stableForMs }) => {
        const entry = { value, version, validUntil: Date.now() + stableForMs };
        this.remember(key, entry);
        return entry;
      });
      this.building.set(flightKey, flight);
      void flight.finally(() => this.building.delete(flightKey)).catch(() => {});
    }
    return (await flight).value;
  }

  /** The newest entry whatever its version, while its data is still true: for callers that confirm it themselves. */
  peek(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && Date.now() < hit.validUntil ? hit.value : undefined;
  }

  private remember(key: string, entry: Entry<T>): void {
    const existing = this.entries.get(key);
    if (existing && existing.version > entry.version) return;
    this.entries.delete(key); // re-insert: Map order doubles as recency order
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
