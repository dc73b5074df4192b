import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRoi } from '../../../src/cli/roi.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { writeNrrd, parseNrrd } from '../../../src/volume/io/nrrd.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

const BIN = join(PROJECT_ROOT, 'src', 'cli', 'bin.mjs');
const quiet = (): void => undefined;

describe('runRoi', () => {
  it('writes the T6 mask on the image grid and prints {level, qc, levels} as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-roi-'));
    try {
      const p = makeChestPhantom({ seed: 2001, size: [256, 256], pixelMm: 1.4 });
      const image = join(dir, 'ct.nrrd');
      const out = join(dir, 'mask.nrrd');
      writeFileSync(image, writeNrrd(p.image));
      let printed = '';
      await runRoi({ image, out, json: true }, (t) => (printed += t), quiet);
      const json = JSON.parse(printed) as {
        level: string;
        qc: { passed: boolean };
        levels: { label: string }[];
      };
      assert.equal(json.level, 'T6');
      assert.equal(json.qc.passed, true);
      assert.ok(json.levels.some((l) => l.label === 'T6'));
      const mask = parseNrrd(new Uint8Array(readFileSync(out)));
      assert.deepEqual(mask.grid.size, p.image.grid.size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bonemet roi', () => {
  it('documents its options in --help', () => {
    const r = spawnSync(process.execPath, [BIN, 'roi', '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0);
    for (const word of ['--image', '--level', '--out', '--json', '--allow-contrast'])
      assert.ok(r.stdout.includes(word), word);
  });

  it('exits non-zero, writes no mask and says why when QC fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-roi-'));
    try {
      const p = makeChestPhantom({
        seed: 2002,
        size: [64, 64],
        pixelMm: 5.6,
        firstLevel: 'T3',
        lastLevel: 'T10',
      });
      const image = join(dir, 'ct.nrrd');
      const out = join(dir, 'mask.nrrd');
      writeFileSync(image, writeNrrd(p.image));
      const r = spawnSync(process.execPath, [BIN, 'roi', '--image', image, '--out', out, '--json'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      });
      assert.equal(r.status, 2);
      const json = JSON.parse(r.stdout) as { level: null; qc: { passed: boolean; reasons: string[] } };
      assert.equal(json.level, null);
      assert.equal(json.qc.passed, false);
      assert.ok(json.qc.reasons.length > 0);
      assert.match(r.stderr, /QC failed/);
      assert.equal(existsSync(out), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
