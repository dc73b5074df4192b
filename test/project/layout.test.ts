import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../support/reference.ts';

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const TREES = ['src', 'server', 'app', 'test', 'params', 'models', 'smart-config'];
const files = TREES.flatMap((t) => {
  try {
    return walk(join(PROJECT_ROOT, t));
  } catch {
    return [];
  }
}).map((p) => relative(PROJECT_ROOT, p));

describe('project layout', () => {
  it('names every file in kebab-case (Vue components PascalCase, README.md, PyRadiomics class names and the upstream names of reference data allowed)', () => {
    const kebab = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*$/;
    const allowed = (name: string): boolean =>
      kebab.test(name) ||
      /^[A-Z][A-Za-z0-9]+\.vue$/.test(name) ||
      name === 'README.md' ||
      /^make-reference\.R$/.test(name) ||
      /^shape2D/.test(name);
    const bad = files.filter((f) => !f.startsWith('test/reference/') && !allowed(f.split('/').at(-1) ?? ''));
    assert.deepEqual(bad, []);
  });

  it('gives every test file the .test.ts suffix under a mirrored path and nothing else in test/ but support, bench code and reference data (tests write their pictures to temp folders)', () => {
    const odd = files.filter(
      (f) =>
        f.startsWith('test/') &&
        !f.endsWith('.test.ts') &&
        !f.startsWith('test/support/') &&
        !f.startsWith('test/bench/') &&
        !f.startsWith('test/reference/') &&
        !/\/reference\//.test(f),
    );
    assert.deepEqual(odd, []);
  });

  it('mirrors src/: every test under test/src has a source file of the same name', () => {
    const orphans = files
      .filter((f) => f.startsWith('test/src/') && f.endsWith('.test.ts'))
      .filter((f) => {
        const src = f.replace(/^test\//, '').replace(/\.test\.ts$/, '.ts');
        return !files.includes(src);
      });
    assert.deepEqual(orphans, []);
  });

  it('keeps `any`, `as unknown as` and non-null assertions out of src/', () => {
    const offenders = files
      .filter((f) => f.startsWith('src/') && f.endsWith('.ts'))
      .filter((f) => /:\s*any\b|<any>|as unknown as/.test(readFileSync(join(PROJECT_ROOT, f), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
