/**
 * Where analyses run and their results are kept. One analysis per key (the DICOMweb server, the study, the CT
 * and ROI series, the model): a second request for a key under way joins it (single flight) and a finished
 * result is kept, so the next patient-view and the app's request cost a lookup. Thrown errors are not kept: the
 * next request tries again. In process by default ({@link InProcessRunner}); shared by several replicas through
 * Redis with BONEMET_REDIS_URL (redis-runner.ts).
 */
import type { AnalysisResult, StudyRefs } from '../../src/index.ts';

/** One analysis to run: plain data, so that a job queue can carry it to another replica. */
export interface AnalysisJob {
  readonly key: string;
  /** The DICOMweb base URL (allow-listed when the job was made, and checked again where it runs). */
  readonly base: string;
  readonly refs: StudyRefs;
}

/** Runs a job (reads the CT, finds the ROI, extracts and scores). */
export type ExecuteAnalysis = (job: AnalysisJob) => Promise<AnalysisResult>;

/** What /readyz says of the runner. */
export interface RunnerState {
  /** Where results are kept and jobs queued now. */
  readonly cache: 'in-process' | 'redis';
  /** With a Redis configured: whether it is reachable (when not, the runner works in process meanwhile). */
  readonly redis?: 'connected' | 'unavailable';
  /** Analyses this process ran (not joined, not found kept). */
  readonly analysesStarted: number;
}

export interface AnalysisRunner {
  /** The result of `job`: kept, joined, or run (by `execute` here, or by whichever replica takes it). */
  run(job: AnalysisJob, execute: ExecuteAnalysis): Promise<AnalysisResult>;
  /** A kept result by its analysis id (the app's and the preview's handle on it). */
  byId(id: string): Promise<AnalysisResult | undefined>;
  /**
   * Drops the kept result of `key` (its ROI was corrected), here and, shared through Redis, on every replica: the
   * next request analyses again.
   */
  forget(key: string): Promise<void>;
  state(): RunnerState;
  close(): Promise<void>;
}

/** Results and single flight in this process; the oldest-used result goes first past `maxResults`. */
export class InProcessRunner implements AnalysisRunner {
  private readonly running = new Map<string, Promise<AnalysisResult>>();
  private readonly done = new Map<string, AnalysisResult>();
  private readonly keyOfId = new Map<string, string>();
  /** How many analyses were started here (not joined, not kept). */
  started = 0;

  constructor(private readonly maxResults = 500) {}

  /** The kept result of `key`, if any (marked as just used). */
  get(key: string): AnalysisResult | undefined {
    const r = this.done.get(key);
    if (r !== undefined) {
      this.done.delete(key);
      this.done.set(key, r);
    }
    return r;
  }

  /** Keeps `result` under `key` (a result another replica computed, say). */
  remember(key: string, result: AnalysisResult): void {
    this.done.delete(key);
    this.done.set(key, result);
    this.keyOfId.set(result.id, key);
    while (this.done.size > this.maxResults) {
      const oldest = this.done.keys().next().value;
      if (oldest === undefined) break;
      const dropped = this.done.get(oldest);
      if (dropped !== undefined) this.keyOfId.delete(dropped.id);
      this.done.delete(oldest);
    }
  }

  /** Drops the kept result of `key` (not a run under way). */
  drop(key: string): void {
    const r = this.done.get(key);
    if (r !== undefined) this.keyOfId.delete(r.id);
    this.done.delete(key);
  }

  async forget(key: string): Promise<void> {
    this.drop(key);
  }

  keyOf(id: string): string | undefined {
    return this.keyOfId.get(id);
  }

  async byId(id: string): Promise<AnalysisResult | undefined> {
    const key = this.keyOfId.get(id);
    return key === undefined ? undefined : this.get(key);
  }

  run(job: AnalysisJob, execute: ExecuteAnalysis): Promise<AnalysisResult> {
    const kept = this.get(job.key);
    if (kept !== undefined) return Promise.resolve(kept);
    const current = this.running.get(job.key);
    if (current !== undefined) return current;
    this.started++;
    const p = execute(job).then(
      (result) => {
        this.running.delete(job.key);
        this.remember(job.key, result);
        return result;
      },
      (e: unknown) => {
        this.running.delete(job.key);
        throw e;
      },
    );
    this.running.set(job.key, p);
    return p;
  }

  state(): RunnerState {
    return { cache: 'in-process', analysesStarted: this.started };
  }

  async close(): Promise<void> {}
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
