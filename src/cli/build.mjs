// Keeps dist/ (the JavaScript that `bonemet` and `npm start` run) built from src/. `ensureBuilt()` compiles with
// TypeScript (tsconfig.build.json) when dist/ is missing or any source is newer than its output, under a lock so
// that parallel first runs build once. Returns false when TypeScript is not installed (then the caller runs the
// sources through tsx instead).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(PROJECT_ROOT, 'dist');
const SRC = join(PROJECT_ROOT, 'src');
const LOCK = join(PROJECT_ROOT, '.cache', 'build.lock');

/** True when every src/**.ts (declarations aside) has a dist/**.js at least as new. */
export function isBuildFresh() {
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!walk(p)) return false;
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const out = join(DIST, p.slice(SRC.length + 1).replace(/\.ts$/, '.js'));
        let built;
        try {
          built = statSync(out).mtimeMs;
        } catch {
          return false;
        }
        if (statSync(p).mtimeMs > built) return false;
      }
    }
    return true;
  };
  return walk(SRC);
}

function typescriptCompiler() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the build lock (a folder: mkdir is atomic), waiting for another build; a lock older than 10 min is stale. */
function lock() {
  mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue;
      }
      if (age > 10 * 60 * 1000) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
}

/**
 * Builds dist/ when it is missing or stale. Progress and compiler messages go to stderr. Returns true when dist/
 * is usable, false when TypeScript is not installed and dist/ is not fresh.
 */
export function ensureBuilt() {
  if (isBuildFresh()) return true;
  const tsc = typescriptCompiler();
  if (tsc === undefined) return false;
  lock();
  try {
    if (isBuildFresh()) return true; // another process built it while we waited
    process.stderr.write(
      'bonemet: building dist/ from src/ (first run after a change; npm run build does the same)\n',
    );
    const r = spawnSync(process.execPath, [tsc, '-p', join(PROJECT_ROOT, 'tsconfig.build.json')], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      // tsc still emits JavaScript on type errors; say so and run what was built.
      process.stderr.write(r.stdout);
      process.stderr.write(
        'bonemet: the TypeScript build reported errors (above); running the JavaScript it emitted\n',
      );
    }
    return existsSync(join(DIST, 'cli', 'main.js'));
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = ensureBuilt();
  if (!ok) process.stderr.write('bonemet: TypeScript is not installed; cannot build dist/\n');
  process.exitCode = ok ? 0 : 1;
}
