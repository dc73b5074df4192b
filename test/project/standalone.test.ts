import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import {
  packReferenceArchive,
  parseSha256Sums,
  readTar,
  sha256Hex,
  unpackReferenceArchive,
  writeTar,
} from '../support/reference-archive.ts';
import { PROJECT_ROOT, REFERENCE_ROOT } from '../support/reference.ts';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'reference') return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('the project standing alone', () => {
  it('reads nothing from a folder beside the project (no path up to a shared folder in code, tests, scripts or CI)', () => {
    const roots = ['src', 'server', 'app', 'test', 'scripts', '.ci'].map((d) => join(PROJECT_ROOT, d));
    const code = roots.flatMap(walk).filter((f) => /\.(ts|mjs|js|json|vue|sh)$|\/run$/.test(f));
    const needle = ['..', 'shared'].join('/');
    const offenders = code.filter((f) => readFileSync(f, 'utf8').includes(needle));
    assert.deepEqual(
      offenders.map((f) => relative(PROJECT_ROOT, f)),
      [],
    );
  });

  it('records a SHA-256 for every reference archive and every file inside it, and the archives match', () => {
    const dir = join(REFERENCE_ROOT, 'realct');
    const sums = parseSha256Sums(readFileSync(join(dir, 'SHA256SUMS'), 'utf8'));
    const archives = readdirSync(dir).filter((f) => f.endsWith('.tar.br'));
    assert.deepEqual(archives.sort(), ['lungdx-a0002-chest.tar.br', 'pancreas-ct-001.tar.br']);
    for (const a of archives) {
      assert.equal(sha256Hex(new Uint8Array(readFileSync(join(dir, a)))), sums.get(a), a);
      assert.ok([...sums.keys()].filter((k) => k.startsWith(`${a}/`)).length >= 31, a);
    }
  });
});

describe('reference archives', () => {
  const work = mkdtempSync(join(tmpdir(), 'bonemet-archive-'));

  it('round-trips a folder through ustar exactly, including sizes on and off the 512-byte blocks', () => {
    const entries = [
      { path: 'ct/a.dcm', bytes: new Uint8Array(512).fill(7) },
      { path: 'ct/b.dcm', bytes: Uint8Array.from({ length: 1000 }, (_, i) => i % 251) },
      { path: 'ct/empty', bytes: new Uint8Array(0) },
    ];
    const back = readTar(writeTar(entries));
    assert.deepEqual(
      back.map((e) => [e.path, [...e.bytes]]),
      entries.map((e) => [e.path, [...e.bytes]]),
    );
  });

  it('unpacks a packed folder once, checks every file, and refuses a file whose sum differs', () => {
    const src = join(work, 'series');
    mkdirSync(src);
    writeFileSync(join(src, '1.dcm'), 'first');
    writeFileSync(join(src, '2.dcm'), 'second');
    const archive = join(work, 'series.tar.br');
    const lines = packReferenceArchive(src, archive);
    writeFileSync(join(work, 'SHA256SUMS'), `${lines.join('\n')}\n`);

    const cache = join(work, 'cache', 'series.unpacked');
    unpackReferenceArchive(archive, cache);
    assert.equal(readFileSync(join(cache, 'series', '2.dcm'), 'utf8'), 'second');
    assert.equal(readFileSync(join(cache, '.complete'), 'utf8'), lines[0].split(' ')[0]);

    const tampered = lines.map((l) =>
      l.endsWith('series/2.dcm') ? `${'0'.repeat(64)}  ${basename(archive)}/series/2.dcm` : l,
    );
    writeFileSync(join(work, 'SHA256SUMS'), `${tampered.join('\n')}\n`);
    assert.throws(
      () => unpackReferenceArchive(archive, join(work, 'cache2', 'series.unpacked')),
      /2\.dcm has SHA-256/,
    );
  });
});
