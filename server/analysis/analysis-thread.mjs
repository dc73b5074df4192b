// The worker thread's entry: Node 20 does not pass `--import tsx` on to worker threads, so the thread registers
// tsx itself before it loads the TypeScript module that does the work.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-thread.ts');
