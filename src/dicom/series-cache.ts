import { SettingsError } from '../errors.ts';
import type { SeriesVolume } from './series-volume.ts';

/**
 * Decoded series kept by SeriesInstanceUID, bounded by bytes with least-recently-used eviction, with
 * single-flight loading: concurrent requests for a series not yet cached share one retrieval; a failed
 * retrieval is not cached (the next request tries again).
 */

/** Options of {@link SeriesCache}. */
export interface SeriesCacheOptions {
  /** Largest total size of the cached volumes' voxel data, in bytes (> 0). */
  readonly maxBytes: number;
}

/** Counters for monitoring. */
export interface SeriesCacheStats {
  readonly hits: number;
  readonly misses: number;
  /** Requests that joined a retrieval already in flight. */
  readonly joined: number;
  readonly evictions: number;
  readonly entries: number;
  readonly bytes: number;
}

/** Bytes a series occupies in the cache: its voxel data. */
function seriesBytes(series: SeriesVolume): number {
  return series.volume.data.byteLength;
}

/** An LRU, byte-bounded, single-flight cache of decoded series. */
export class SeriesCache {
  private readonly maxBytes: number;
  /** Insertion order of a Map is the recency order: the first key is the least recently used. */
  private readonly entries = new Map<string, SeriesVolume>();
  private readonly inFlight = new Map<string, Promise<SeriesVolume>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private joined = 0;
  private evictions = 0;

  constructor(options: SeriesCacheOptions) {
    if (!(Number.isFinite(options.maxBytes) && options.maxBytes > 0)) {
      throw new SettingsError(
        'invalid-setting',
        `the series cache size must be a positive number of bytes, got ${options.maxBytes}`,
      );
    }
    this.maxBytes = options.maxBytes;
  }

  /**
   * The series `seriesInstanceUid`: from the cache (marking it most recently used), from the retrieval
   * already in flight for it, or from `load` (started once for all concurrent callers). A series larger
   * than the whole cache is returned but not kept. A rejection of `load` is passed to every waiting caller
   * and nothing is cached.
   */
  get(seriesInstanceUid: string, load: () => Promise<SeriesVolume>): Promise<SeriesVolume> {
    const cached = this.entries.get(seriesInstanceUid);
    if (cached !== undefined) {
      this.hits++;
      this.entries.delete(seriesInstanceUid);
      this.entries.set(seriesInstanceUid, cached);
      return Promise.resolve(cached);
    }
    const pending = this.inFlight.get(seriesInstanceUid);
    if (pending !== undefined) {
      this.joined++;
      return pending;
    }
    this.misses++;
    const run = (async () => {
      try {
        const series = await load();
        this.put(seriesInstanceUid, series);
        return series;
      } finally {
        this.inFlight.delete(seriesInstanceUid);
      }
    })();
    this.inFlight.set(seriesInstanceUid, run);
    return run;
  }

  /** The cached series, if any, without loading (marks it most recently used). */
  peek(seriesInstanceUid: string): SeriesVolume | undefined {
    const cached = this.entries.get(seriesInstanceUid);
    if (cached !== undefined) {
      this.entries.delete(seriesInstanceUid);
      this.entries.set(seriesInstanceUid, cached);
    }
    return cached;
  }

  /** Drops one series (e.g. after it changed on the server). */
  delete(seriesInstanceUid: string): boolean {
    const cached = this.entries.get(seriesInstanceUid);
    if (cached === undefined) return false;
    this.entries.delete(seriesInstanceUid);
    this.bytes -= seriesBytes(cached);
    return true;
  }

  /** Drops every cached series (retrievals in flight still complete and are cached). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  stats(): SeriesCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      joined: this.joined,
      evictions: this.evictions,
      entries: this.entries.size,
      bytes: this.bytes,
    };
  }

  private put(uid: string, series: SeriesVolume): void {
    const size = seriesBytes(series);
    this.delete(uid);
    if (size > this.maxBytes) return;
    while (this.bytes + size > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.delete(oldest.value);
      this.evictions++;
    }
    this.entries.set(uid, series);
    this.bytes += size;
  }
}
