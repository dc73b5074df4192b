#!/usr/bin/env node
// Runs every *.test.ts under test/ (benchmarks excluded) with Node's test runner and tsx, source-mapped so that
// failures point at their TypeScript lines. Node 20 expands no globs itself, so the file list is built here.
// Extra arguments filter by substring. The console gets one line per top-level suite and a closing summary
// listing each failure with its file and line; the full TAP goes to .cache/test-results.tap.
// The `bonemet` command the CLI tests run is built into dist/ first (once; rebuilt only after a source changes).
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../src/cli/build.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const filters = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'bench' || name === 'node_modules' || name === 'reference') continue;
      out.push(...walk(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = walk(join(root, 'test'))
  .map((p) => relative(root, p))
  .filter((p) => filters.length === 0 || filters.some((f) => p.includes(f)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
if (!ensureBuilt()) {
  console.error('TypeScript is not installed (npm ci installs it): the CLI tests need dist/ built from src/');
  process.exit(1);
}
mkdirSync(join(root, '.cache'), { recursive: true });
const tap = join(root, '.cache', 'test-results.tap');
console.log(`${files.length} test files; full TAP output in ${relative(root, tap)}`);
const res = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    // No single test may hang the suite: each gets 5 minutes (the slowest take about 30 s on 2 cores).
    '--test-timeout=300000',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    `--test-reporter=${join(root, 'test', 'support', 'summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(res.status ?? 1);
