import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runRoi } from '../../../src/cli/roi.ts';
import type { RoiQc } from '../../../src/roi/types.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import type { CtWriterOptions } from '../../../src/dicom/ct-writer.ts';
import type { Volume } from '../../../src/volume/types.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { writeNrrd, parseNrrd } from '../../../src/volume/io/nrrd.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';
import { bonemet } from '../../support/cli-runner.ts';
import { DicomError } from '../../../src/errors.ts';

const BIN = join(PROJECT_ROOT, 'src', 'cli', 'bin.mjs');
const quiet = (): void => undefined;

/** Writes `volume` as a DICOM series (one file per slice) into a new folder `name` under `dir`. */
async function dicomFolder(
  dir: string,
  name: string,
  volume: Volume,
  options: CtWriterOptions,
): Promise<string> {
  const folder = join(dir, name);
  mkdirSync(folder);
  const files = await writeCtSeries(volume, options);
  files.forEach((f, k) => writeFileSync(join(folder, `${String(k + 1).padStart(4, '0')}.dcm`), f));
  return folder;
}

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
      const json = JSON.parse(printed) as { level: string; qc: RoiQc; levels: { label: string }[] };
      assert.equal(json.level, 'T6');
      assert.equal(json.qc.passed, true);
      // An NRRD carries no acquisition headers: the header fields are there, null.
      assert.equal(json.qc.modality, null);
      assert.equal(json.qc.headerContrast, null);
      assert.equal(json.qc.sliceThicknessMm, null);
      assert.equal(json.qc.convolutionKernel, null);
      assert.ok(json.levels.some((l) => l.label === 'T6'));
      const mask = parseNrrd(new Uint8Array(readFileSync(out)));
      assert.deepEqual(mask.grid.size, p.image.grid.size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runRoi --png', () => {
  it('writes a debug picture with the ROI in red and the JSON gives the cues and the level confidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-roi-'));
    try {
      const p = makeChestPhantom({ seed: 2002, size: [256, 256], pixelMm: 1.4 });
      const image = join(dir, 'ct.nrrd');
      const png = join(dir, 'debug.png');
      writeFileSync(image, writeNrrd(p.image));
      let printed = '';
      await runRoi({ image, out: join(dir, 'mask.nrrd'), json: true, png }, (t) => (printed += t), quiet);
      const json = JSON.parse(printed) as { levelConfidence: number; cues: { cue: string; says: string }[] };
      assert.equal(json.levelConfidence, 0.95);
      assert.deepEqual(
        json.cues.filter((c) => c.cue.endsWith('-rib')).map((c) => c.says),
        ['T1', 'T12'],
      );
      const picture = PNG.sync.read(readFileSync(png));
      // Two views at 1 mm a pixel, enlarged 2x: the coronal one is 220 mm wide, the sagittal 140 mm.
      assert.equal(picture.width, 2 * (40 + 140 + 6 + 220 + 40));
      const zMm = p.image.grid.size[2] * p.image.grid.spacingMm[2];
      assert.equal(picture.height, 2 * Math.round(zMm));
      let red = 0;
      for (let i = 0; i < picture.data.length; i += 4)
        if (picture.data[i] === 255 && picture.data[i + 1] === 40 && picture.data[i + 2] === 40) red++;
      assert.ok(red > 500, `${red} red pixels`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runRoi on an empty series', () => {
  it('rejects with the empty-series code and writes no mask nor picture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-roi-'));
    try {
      const image = join(dir, 'empty');
      mkdirSync(image);
      const out = join(dir, 'mask.nrrd');
      const png = join(dir, 'debug.png');
      await assert.rejects(
        runRoi({ image, out, png }, quiet, quiet),
        (e: unknown) => e instanceof DicomError && e.code === 'empty-series',
      );
      assert.equal(existsSync(out) || existsSync(png), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runRoi on DICOM folders', () => {
  const p = makeChestPhantom({ seed: 2001, size: [256, 256], pixelMm: 1.4 });

  it('reports the modality, thickness and kernel of a non-contrast CT series in the QC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-roi-'));
    try {
      const image = await dicomFolder(dir, 'ct', p.image, {
        seed: 'roi-plain',
        contrastBolusAgent: 'NONE',
        convolutionKernel: 'B30f',
      });
      let printed = '';
      const r = await runRoi(
        { image, out: join(dir, 'mask.nrrd'), json: true },
        (t) => (printed += t),
        quiet,
      );
      assert.equal(r.level, 'T6', r.qc.reasons.join('; '));
      const qc = (JSON.parse(printed) as { qc: RoiQc }).qc;
      assert.equal(qc.passed, true);
      assert.equal(qc.modality, 'CT');
      assert.deepEqual(qc.sliceThicknessMm, { min: 5, max: 5 });
      assert.equal(qc.convolutionKernel, 'B30f');
      assert.deepEqual(qc.headerContrast, { named: false, values: ['ContrastBolusAgent "NONE"'] });
      assert.ok(existsSync(join(dir, 'mask.nrrd')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an MR series from its headers, with the reason and no mask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-roi-'));
    try {
      const mr: Volume = {
        grid: makeGrid([32, 32, 6], [1, 1, 5]),
        data: new Float32Array(32 * 32 * 6).fill(300),
      };
      const image = await dicomFolder(dir, 'mr', mr, { seed: 'roi-mr', modality: 'MR' });
      const out = join(dir, 'mask.nrrd');
      let printed = '';
      const r = await runRoi({ image, out, json: true }, (t) => (printed += t), quiet);
      assert.equal(r.mask, undefined);
      const json = JSON.parse(printed) as { level: null; qc: RoiQc; levels: unknown[] };
      assert.equal(json.level, null);
      assert.equal(json.qc.passed, false);
      assert.equal(json.qc.modality, 'MR');
      assert.deepEqual(json.qc.reasons, [
        'the series is MR, not CT: the marrow ROI and its HU thresholds need a CT',
      ]);
      assert.deepEqual(json.levels, []);
      assert.equal(existsSync(out), false);
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

  it('exits 2 with a failed QC naming the header, and no mask, for a DICOM CT whose headers name contrast', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bonemet-roi-'));
    try {
      const p = makeChestPhantom({ seed: 2001, size: [256, 256], pixelMm: 1.4 });
      const image = await dicomFolder(dir, 'ct', p.image, {
        seed: 'roi-contrast',
        contrastBolusAgent: 'OMNIPAQUE 350',
        contrastBolusRoute: 'IV',
        convolutionKernel: 'STANDARD',
      });
      const out = join(dir, 'mask.nrrd');
      const r = bonemet(['roi', '--image', image, '--out', out, '--json']);
      assert.equal(r.status, 2, r.stderr);
      const json = JSON.parse(r.stdout) as { level: null; qc: RoiQc };
      assert.equal(json.level, null);
      assert.equal(json.qc.passed, false);
      assert.equal(
        json.qc.reasons[0],
        'contrast-enhanced scan: DICOM header ContrastBolusAgent "OMNIPAQUE 350", ContrastBolusRoute "IV" (contrast raises the marrow HU; allow contrast to keep the ROI anyway)',
      );
      assert.deepEqual(json.qc.headerContrast, {
        named: true,
        values: ['ContrastBolusAgent "OMNIPAQUE 350"', 'ContrastBolusRoute "IV"'],
      });
      assert.equal(json.qc.aortaHu, null);
      assert.equal(json.qc.convolutionKernel, 'STANDARD');
      assert.deepEqual(json.qc.sliceThicknessMm, { min: 5, max: 5 });
      assert.match(
        r.stderr,
        /QC failed, no mask written: contrast-enhanced scan: DICOM header ContrastBolusAgent/,
      );
      assert.equal(existsSync(out), false);

      const allowed = bonemet(['roi', '--image', image, '--out', out, '--json', '--allow-contrast']);
      assert.equal(allowed.status, 0, allowed.stderr);
      const ok = JSON.parse(allowed.stdout) as { level: string; qc: RoiQc };
      assert.equal(ok.level, 'T6');
      assert.match(ok.qc.reasons[0], /^warning: contrast-enhanced scan: DICOM header ContrastBolusAgent/);
      assert.ok(existsSync(out));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
