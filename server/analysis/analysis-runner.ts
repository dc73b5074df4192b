/**
 * Runs analyses once per key (the CT series, its ROI source and the model): a second request for a key
 * already under way joins it (single flight), a finished result is kept (least recently used first out) so the
 * next patient-view and the app's request cost a lookup. Errors are not kept: the next request tries again.
 */
import type { AnalysisResult } from '../../src/index.ts';

export class AnalysisRunner {
  private readonly running = new Map<string, Promise<AnalysisResult>>();
  private readonly done = new Map<string, AnalysisResult>();
  private readonly keyOfId = new Map<string, string>();
  /** How many analyses were started (not joined, not cached): for tests and /readyz. */
  started = 0;

  constructor(private readonly maxResults = 500) {}

  /** The finished result of `key`, if kept. */
  get(key: string): AnalysisResult | undefined {
    const r = this.done.get(key);
    if (r !== undefined) {
      this.done.delete(key);
      this.done.set(key, r);
    }
    return r;
  }

  /** A kept result by its analysis id (the app's and the preview's handle on it). */
  byId(id: string): AnalysisResult | undefined {
    const key = this.keyOfId.get(id);
    return key === undefined ? undefined : this.get(key);
  }

  /** The result of `key`: kept, joined, or started with `job`. */
  run(key: string, job: () => Promise<AnalysisResult>): Promise<AnalysisResult> {
    const kept = this.get(key);
    if (kept !== undefined) return Promise.resolve(kept);
    const current = this.running.get(key);
    if (current !== undefined) return current;
    this.started++;
    const p = job().then(
      (result) => {
        this.running.delete(key);
        this.done.set(key, result);
        this.keyOfId.set(result.id, key);
        while (this.done.size > this.maxResults) {
          const oldest = this.done.keys().next().value;
          if (oldest === undefined) break;
          const dropped = this.done.get(oldest);
          if (dropped !== undefined) this.keyOfId.delete(dropped.id);
          this.done.delete(oldest);
        }
        return result;
      },
      (e: unknown) => {
        this.running.delete(key);
        throw e;
      },
    );
    this.running.set(key, p);
    return p;
  }
}

/** `promise`'s value if it settles within `ms`, else `undefined` (the promise keeps running). Rejections pass. */
export async function withinBudget<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
