/**
 * The built SMART app for the demo stack and the browser tests: `vite build` of app/ into app/dist when it is
 * missing or older than any source it is built from (app/ pages, sources, public files, its configuration, and
 * the library's src/), under a lock so that parallel processes build it once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const APP_DIST = join(PROJECT_ROOT, 'app', 'dist');
const LOCK = join(PROJECT_ROOT, '.cache', 'app-build.lock');

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), s.mtimeMs);
}

/** True when app/dist/index.html is newer than every input of the build. */
export function isAppBuildFresh(): boolean {
  const index = join(APP_DIST, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  const inputs = ['app/src', 'app/public', 'app/index.html', 'app/launch.html', 'app/vite.config.ts', 'src'];
  return inputs.every((p) => newestMtime(join(PROJECT_ROOT, p)) <= built);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Builds the app when stale; throws with vite's output when the build fails. */
export async function ensureAppBuilt(): Promise<void> {
  if (isAppBuildFresh()) return;
  mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = existsSync(LOCK) ? Date.now() - statSync(LOCK).mtimeMs : 0;
      if (age > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    if (isAppBuildFresh()) return;
    const r = spawnSync(
      process.execPath,
      [
        join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'app/vite.config.ts',
      ],
      { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`vite build of app/ failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
