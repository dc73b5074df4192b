import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';
import { writeNrrd } from '../../../src/volume/io/nrrd.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

const BIN = join(PROJECT_ROOT, 'src', 'cli', 'bin.mjs');

function bonemet(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bonemet extract', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-extract-'));
    const { image, mask } = makeVertebraVolume({ size: [160, 160, 24], seed: 7 });
    writeFileSync(join(dir, 'image.nrrd'), writeNrrd(image));
    writeFileSync(join(dir, 'mask.nrrd'), writeNrrd(mask));
    writeFileSync(
      join(dir, 'empty.nrrd'),
      writeNrrd({ grid: mask.grid, data: new Uint8Array(mask.data.length) }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints exactly 1197 feature rows plus diagnostics with params/study-1197.yaml on a generated vertebra volume', () => {
    const r = bonemet([
      'extract',
      '--image',
      join(dir, 'image.nrrd'),
      '--mask',
      join(dir, 'mask.nrrd'),
      '--params',
      'params/study-1197.yaml',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'feature,value');
    const rows = lines.slice(1).map((l) => l.slice(0, l.indexOf(',')));
    const diagnostics = rows.filter((n) => n.startsWith('diagnostics_'));
    const features = rows.filter((n) => !n.startsWith('diagnostics_'));
    assert.equal(features.length, 1197);
    assert.ok(diagnostics.length >= 10, 'diagnostics rows come first');
    assert.ok(
      rows.indexOf(features[0] ?? '') > rows.lastIndexOf(diagnostics.at(-1) ?? ''),
      'diagnostics before features',
    );
    assert.equal(features.filter((n) => n.startsWith('original_shape_')).length, 14);
    for (const prefix of [
      'original',
      'wavelet-LLH',
      'wavelet-HHH',
      'wavelet-LLL',
      'square',
      'squareroot',
      'logarithm',
      'exponential',
    ]) {
      assert.equal(
        features.filter((n) => n.startsWith(`${prefix}_`) && !n.includes('_shape_')).length,
        91,
        prefix,
      );
    }
    for (const line of lines.slice(1)) {
      const value = line.slice(line.indexOf(',') + 1);
      if (!line.startsWith('diagnostics_'))
        assert.ok(Number.isFinite(Number(value)), `${line} is a finite number`);
    }
    assert.match(r.stderr, /\[\d+\/\d+\]/, 'progress on stderr');
  });

  it('writes JSON when --out ends in .json', () => {
    const out = join(dir, 'f.json');
    const r = bonemet([
      'extract',
      '--image',
      join(dir, 'image.nrrd'),
      '--mask',
      join(dir, 'mask.nrrd'),
      '--out',
      out,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    assert.equal(typeof json['original_firstorder_Mean'], 'number');
  });

  it('exits non-zero with one line naming the problem for an empty mask', () => {
    const r = bonemet(['extract', '--image', join(dir, 'image.nrrd'), '--mask', join(dir, 'empty.nrrd')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bonemet: AnalysisFailedError \(analysis-failed\): empty-mask: .*mask is empty/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('exits non-zero naming the label when it is absent from the mask', () => {
    const r = bonemet([
      'extract',
      '--image',
      join(dir, 'image.nrrd'),
      '--mask',
      join(dir, 'mask.nrrd'),
      '--label',
      '3',
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /label 3 is not present in the mask \(labels present: 1\)/);
  });

  it('exits non-zero naming the key for binWidth <= 0', () => {
    const params = join(dir, 'bad.yaml');
    writeFileSync(params, 'setting:\n  binWidth: -25\n');
    const r = bonemet([
      'extract',
      '--image',
      join(dir, 'image.nrrd'),
      '--mask',
      join(dir, 'mask.nrrd'),
      '--params',
      params,
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /setting\.binWidth must be a number > 0, got -25/);
  });
});
