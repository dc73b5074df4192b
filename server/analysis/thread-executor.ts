/**
 * Analyses in worker threads (analysis-thread.ts), so that a CT being analysed never holds the event loop: a hook
 * that arrives meanwhile is answered within its budget, and timers (FHIR timeouts, Redis job locks) fire on time.
 * Jobs wait for a free thread in arrival order; a thread that dies fails its job (the next request tries again)
 * and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { errorCategory, RemoteJobError } from '../../src/index.ts';
import type { AnalysisResult } from '../../src/index.ts';
import type { AnalysisJob, ExecuteAnalysis } from './analysis-runner.ts';
import type { AnalysisThreadData, AnalysisThreadReply, AnalysisThreadRequest } from './analysis-thread.ts';
import { decodeResult } from './result-codec.ts';

export interface ThreadExecutor {
  readonly execute: ExecuteAnalysis;
  close(): Promise<void>;
}

interface Pending {
  readonly job: AnalysisJob;
  readonly resolve: (r: AnalysisResult) => void;
  readonly reject: (e: unknown) => void;
}

/** `threads` worker threads (default 1) analysing with the model and parameters of `data`. */
export function createThreadExecutor(data: AnalysisThreadData, threads = 1): ThreadExecutor {
  // The entry registers tsx in the thread, then loads analysis-thread.ts.
  const url = new URL('./analysis-thread.mjs', import.meta.url);
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, { id: number; pending: Pending }>();
  let nextId = 1;
  let closed = false;

  const spawn = (): void => {
    const w = new Worker(url, { workerData: data });
    w.on('message', (reply: AnalysisThreadReply) => {
      const current = busy.get(w);
      if (current === undefined || current.id !== reply.id) return;
      busy.delete(w);
      if ('result' in reply) {
        try {
          current.pending.resolve(decodeResult(reply.result));
        } catch (e) {
          current.pending.reject(e);
        }
      } else {
        current.pending.reject(RemoteJobError.fromParts(reply.error));
      }
      idle.push(w);
      pump();
    });
    w.on('error', (e) => {
      const current = busy.get(w);
      busy.delete(w);
      current?.pending.reject(
        new RemoteJobError(errorCategory(e), `the analysis thread failed: ${e.message}`),
      );
    });
    w.on('exit', () => {
      const current = busy.get(w);
      busy.delete(w);
      current?.pending.reject(new RemoteJobError('internal', 'the analysis thread stopped'));
      const at = idle.indexOf(w);
      if (at >= 0) idle.splice(at, 1);
      if (!closed) {
        spawn();
        pump();
      }
    });
    idle.push(w);
  };

  const pump = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.shift();
      const pending = queue.shift();
      if (w === undefined || pending === undefined) return;
      const id = nextId++;
      busy.set(w, { id, pending });
      const req: AnalysisThreadRequest = { id, base: pending.job.base, refs: pending.job.refs };
      w.postMessage(req);
    }
  };

  for (let i = 0; i < Math.max(1, threads); i++) spawn();
  return {
    execute: (job) =>
      new Promise<AnalysisResult>((resolve, reject) => {
        if (closed) {
          reject(new RemoteJobError('internal', 'the analysis threads are closed'));
          return;
        }
        queue.push({ job, resolve, reject });
        pump();
      }),
    close: async () => {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new RemoteJobError('internal', 'the service is stopping'));
      await Promise.all([...idle, ...busy.keys()].map((w) => w.terminate()));
    },
  };
}
