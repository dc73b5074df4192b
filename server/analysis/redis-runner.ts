/**
 * The runner for several replicas (BONEMET_REDIS_URL): finished results live in Redis, shared by every replica,
 * and analyses go through a BullMQ job queue whose job id is the analysis key, so a series is analysed once
 * however many replicas are asked for it at once. Every replica is also a worker (one job at a time). A worker
 * that dies mid-job loses its lock and the job is taken by another (BullMQ's stalled-job check).
 *
 * Redis going away never fails a request: while it is unreachable the runner works in process (and /readyz says
 * so), and it goes back to Redis when the connection returns.
 */
import { createHash } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { RemoteJobError } from '../../src/index.ts';
import type { AnalysisResult } from '../../src/index.ts';
import { InProcessRunner } from './analysis-runner.ts';
import type { AnalysisJob, AnalysisRunner, ExecuteAnalysis, RunnerState } from './analysis-runner.ts';
import { decodeResult, encodeResult } from './result-codec.ts';

export interface RedisRunnerOptions {
  readonly url: string;
  /** Runs the jobs this replica's worker takes (and its in-process fallback). */
  readonly execute: ExecuteAnalysis;
  readonly logger: Logger;
  /** Key and queue prefix (default `bonemet`). */
  readonly prefix?: string;
  /** How long a kept result lives in Redis, in seconds (default 7 days). */
  readonly ttlSeconds?: number;
  /** A worker's job lock; a worker silent this long has its job taken by another (default 30 s). */
  readonly lockMs?: number;
  /** The longest a request waits for a queued job before giving up (default 10 min). */
  readonly maxWaitMs?: number;
}

/** Redis could not be used for this request: the runner falls back to in process. */
class RedisUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailable';
  }
}

/** A job's error as BullMQ keeps it (its message): the category and message, so the waiter rethrows it typed. */
const failureReason = (e: unknown): string => JSON.stringify(RemoteJobError.partsOf(e));

function remoteError(reason: string): RemoteJobError {
  try {
    return RemoteJobError.fromParts(JSON.parse(reason));
  } catch {
    return new RemoteJobError('internal', reason);
  }
}

const QUEUE = 'analysis';
/** Times a request asks a live Redis again after a slow answer before it works in process. */
const SLOW_ATTEMPTS = 4;
/** The longest a command may take before it counts as a slow answer (ms). */
const COMMAND_MS = 5000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function isAnalysisJob(x: unknown): x is AnalysisJob {
  if (typeof x !== 'object' || x === null) return false;
  const j = x as Record<string, unknown>;
  const refs = j.refs as Record<string, unknown> | null | undefined;
  return (
    typeof j.key === 'string' &&
    typeof j.base === 'string' &&
    typeof refs === 'object' &&
    refs !== null &&
    typeof refs.studyInstanceUid === 'string'
  );
}

/**
 * Rejects with RedisUnavailable when `p` rejects (Redis refused the command) or does not settle within `ms` (a
 * command stuck on a dying connection).
 */
async function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // A command Redis refuses (a connection closing under it, "LOADING" while a restarted server reads its data)
  // is Redis being unusable for this request too, not an error of the analysis.
  const answered = p.catch((e: unknown) => {
    throw new RedisUnavailable(`${what} failed: ${e instanceof Error ? e.message : 'unknown'}`);
  });
  try {
    return await Promise.race([
      answered,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedisUnavailable(`${what} took over ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export class RedisRunner implements AnalysisRunner {
  private readonly local = new InProcessRunner();
  private readonly client: Redis;
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly events: QueueEvents;
  /** Hears which results another replica dropped (a corrected ROI). */
  private readonly subscriber: Redis;
  /** Connections handed to BullMQ, which does not close what it was given. */
  private readonly connections: Redis[] = [];
  private readonly waiting = new Map<string, Promise<AnalysisResult>>();
  private readonly listeners = new Map<string, Set<(outcome: Error | null) => void>>();
  private readonly prefix: string;
  private readonly ttl: number;
  private readonly maxWaitMs: number;
  private lastStatus: 'connected' | 'unavailable' | undefined;

  constructor(private readonly options: RedisRunnerOptions) {
    this.prefix = options.prefix ?? 'bonemet';
    this.ttl = options.ttlSeconds ?? 7 * 24 * 3600;
    this.maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
    const retry = (attempt: number): number => Math.min(200 * attempt, 2000);
    const quick: RedisOptions = {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      retryStrategy: retry,
    };
    const blocking: RedisOptions = { maxRetriesPerRequest: null, connectTimeout: 2000, retryStrategy: retry };
    const log = options.logger;
    const onError = (who: string) => (e: Error) => {
      if (this.lastStatus !== 'unavailable') log.warn({ who, error: e.message }, 'Redis error');
    };
    this.client = new Redis(options.url, quick);
    this.client.on('error', onError('cache'));
    this.client.on('ready', () => this.noteStatus('connected'));
    this.client.on('close', () => this.noteStatus('unavailable'));
    const queueConnection = new Redis(options.url, quick);
    queueConnection.on('error', onError('queue'));
    this.queue = new Queue(QUEUE, { connection: queueConnection, prefix: this.prefix });
    this.connections.push(queueConnection);
    this.queue.on('error', onError('queue'));
    const workerConnection = new Redis(options.url, blocking);
    workerConnection.on('error', onError('worker'));
    this.worker = new Worker(QUEUE, (job) => this.process(job), {
      connection: workerConnection,
      prefix: this.prefix,
      concurrency: 1,
      lockDuration: options.lockMs ?? 30_000,
      stalledInterval: Math.max(500, Math.floor((options.lockMs ?? 30_000) / 2)),
      maxStalledCount: 1,
    });
    this.worker.on('error', onError('worker'));
    this.connections.push(workerConnection);
    const eventsConnection = new Redis(options.url, blocking);
    eventsConnection.on('error', onError('events'));
    this.events = new QueueEvents(QUEUE, { connection: eventsConnection, prefix: this.prefix });
    this.events.on('error', onError('events'));
    this.connections.push(eventsConnection);
    this.subscriber = new Redis(options.url, blocking);
    this.subscriber.on('error', onError('forget'));
    void this.subscriber.subscribe(this.forgetChannel()).catch(() => undefined);
    this.subscriber.on('message', (channel: string, key: string) => {
      if (channel === this.forgetChannel()) this.local.drop(key);
    });
    this.events.on('completed', ({ jobId }) => this.settle(jobId, null));
    this.events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, remoteError(failedReason)));
  }

  private noteStatus(status: 'connected' | 'unavailable'): void {
    if (status === this.lastStatus) return;
    if (status === 'unavailable' && this.lastStatus === 'connected')
      this.options.logger.warn('Redis unreachable: analyses and results in process until it returns');
    if (status === 'connected' && this.lastStatus === 'unavailable')
      this.options.logger.info('Redis reachable again: results and jobs shared');
    this.lastStatus = status;
  }

  private connected(): boolean {
    return this.client.status === 'ready';
  }

  /** Resolves once Redis answers (for start-up and tests); rejects after `ms`. */
  async ready(ms = 10_000): Promise<void> {
    await bounded(
      Promise.all([
        this.client.status === 'ready'
          ? Promise.resolve()
          : new Promise<void>((r) => this.client.once('ready', () => r())),
        this.queue.waitUntilReady(),
        this.worker.waitUntilReady(),
        this.events.waitUntilReady(),
      ]),
      ms,
      'connecting to Redis',
    );
  }

  private jobIdOf(key: string): string {
    return `a${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
  }

  private resultKey(jobId: string): string {
    return `${this.prefix}:result:${jobId}`;
  }

  private forgetChannel(): string {
    return `${this.prefix}:forget`;
  }

  async forget(key: string): Promise<void> {
    this.local.drop(key);
    if (!this.connected()) return;
    const resultKey = this.resultKey(this.jobIdOf(key));
    await bounded(
      this.client.multi().del(resultKey).publish(this.forgetChannel(), key).exec(),
      5000,
      'dropping a result',
    );
  }

  private idKey(id: string): string {
    return `${this.prefix}:analysis-id:${id}`;
  }

  private async read(key: string): Promise<AnalysisResult | undefined> {
    const bytes = await bounded(
      this.client.getBuffer(this.resultKey(this.jobIdOf(key))),
      COMMAND_MS,
      'reading a result',
    );
    if (bytes === null) return undefined;
    let result: AnalysisResult;
    try {
      result = decodeResult(bytes);
    } catch (e) {
      this.options.logger.warn(
        { error: e instanceof Error ? e.message : 'unknown' },
        'unreadable cached result',
      );
      return undefined;
    }
    this.local.remember(key, result);
    return result;
  }

  private async write(key: string, result: AnalysisResult): Promise<void> {
    await bounded(
      this.client
        .multi()
        .set(this.resultKey(this.jobIdOf(key)), encodeResult(result), 'EX', this.ttl)
        .set(this.idKey(result.id), key, 'EX', this.ttl)
        .exec(),
      5000,
      'writing a result',
    );
  }

  /** The worker: skip what another replica finished, else run here (joining a run already under way here). */
  private async process(job: Job): Promise<string> {
    const data: unknown = job.data;
    if (!isAnalysisJob(data))
      throw new Error(failureReason(new Error('the queued job is not an analysis job')));
    try {
      if ((await this.client.exists(this.resultKey(this.jobIdOf(data.key)))) === 1) return 'kept';
      const result = await this.local.run(data, this.options.execute);
      await this.write(data.key, result);
      return 'done';
    } catch (e) {
      throw new Error(failureReason(e));
    }
  }

  private settle(jobId: string, outcome: Error | null): void {
    const set = this.listeners.get(jobId);
    if (set === undefined) return;
    for (const f of set) f(outcome);
  }

  /** Waits for the queued job of `key`: its completion event, or (events can be missed) the result appearing. */
  private async viaQueue(job: AnalysisJob): Promise<AnalysisResult> {
    const jobId = this.jobIdOf(job.key);
    let signal: (outcome: Error | null) => void = () => {};
    let next = new Promise<Error | null>((r) => (signal = r));
    const listener = (outcome: Error | null): void => signal(outcome);
    const set = this.listeners.get(jobId) ?? new Set();
    set.add(listener);
    this.listeners.set(jobId, set);
    const enqueue = (): Promise<unknown> =>
      bounded(
        this.queue.add('analyse', job, { jobId, removeOnComplete: true, removeOnFail: true }),
        COMMAND_MS,
        'queueing the analysis',
      );
    try {
      await enqueue();
      const deadline = Date.now() + this.maxWaitMs;
      for (;;) {
        const outcome = await Promise.race([next, sleep(500).then(() => undefined)]);
        if (outcome instanceof Error) throw outcome;
        if (!this.connected()) throw new RedisUnavailable('Redis connection lost while waiting');
        const result = await this.read(job.key);
        if (result !== undefined) return result;
        if (outcome === null) next = new Promise<Error | null>((r) => (signal = r));
        // The job can vanish unseen (failed and removed while no event reached us): queue it again.
        if ((await bounded(this.queue.getJob(jobId), COMMAND_MS, 'reading the job')) === undefined)
          await enqueue();
        if (Date.now() > deadline)
          throw new RemoteJobError(
            'upstream-failure',
            `the analysis did not finish within ${this.maxWaitMs} ms`,
          );
      }
    } finally {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    }
  }

  run(job: AnalysisJob, execute: ExecuteAnalysis): Promise<AnalysisResult> {
    const kept = this.local.get(job.key);
    if (kept !== undefined) return Promise.resolve(kept);
    if (!this.connected()) return this.local.run(job, execute);
    const current = this.waiting.get(job.key);
    if (current !== undefined) return current;
    const p = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return (await this.read(job.key)) ?? (await this.viaQueue(job));
        } catch (e) {
          const connected = this.connected();
          if (!(e instanceof RedisUnavailable) && connected) throw e;
          // A slow answer on a live connection (this process's event loop was busy, say) is asked again: working
          // in process then would analyse a series another replica is analysing.
          if (connected && attempt < SLOW_ATTEMPTS) continue;
          this.options.logger.warn(
            { reason: e instanceof Error ? e.message : 'unknown' },
            'analysis in process',
          );
          return this.local.run(job, execute);
        }
      }
    })().finally(() => this.waiting.delete(job.key));
    this.waiting.set(job.key, p);
    return p;
  }

  async byId(id: string): Promise<AnalysisResult | undefined> {
    const mine = await this.local.byId(id);
    if (mine !== undefined || !this.connected()) return mine;
    try {
      const key = await bounded(this.client.get(this.idKey(id)), COMMAND_MS, 'reading an id');
      return key === null ? undefined : await this.read(key);
    } catch {
      return undefined;
    }
  }

  state(): RunnerState {
    const up = this.connected();
    return {
      cache: up ? 'redis' : 'in-process',
      redis: up ? 'connected' : 'unavailable',
      analysesStarted: this.local.started,
    };
  }

  async close(): Promise<void> {
    const settle = (p: Promise<unknown>): Promise<unknown> =>
      bounded(p, 3000, 'closing').catch(() => undefined);
    await settle(this.worker.close(true));
    await Promise.all([settle(this.queue.close()), settle(this.events.close())]);
    this.subscriber.disconnect();
    for (const c of this.connections) c.disconnect();
    this.client.disconnect();
  }
}
