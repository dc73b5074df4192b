import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { writeSegmentation } from '../../../src/dicom/seg-writer.ts';
import { readExtractInputs } from '../../../src/cli/extract-inputs.ts';
import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { RoiQcError } from '../../../src/errors.ts';
import { writeNrrd } from '../../../src/volume/io/nrrd.ts';
import { bonemet } from '../../support/cli-runner.ts';
import { assertSameVolume } from '../../support/ct-fixtures.ts';

/** `feature -> value` of the non-diagnostic rows of an extract CSV. */
function featureRows(csv: string): Map<string, string> {
  const rows = csv.trim().split('\n').slice(1);
  return new Map(
    rows
      .map((l) => [l.slice(0, l.indexOf(',')), l.slice(l.indexOf(',') + 1)] as const)
      .filter(([k]) => !k.startsWith('diagnostics_')),
  );
}

describe('readExtractInputs', () => {
  let dir = '';
  const { image, mask } = makeVertebraVolume({ size: [64, 64, 8], spacingMm: [0.7, 0.7, 2.5], seed: 5 });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-extract-dicom-'));
    const ctDir = join(dir, 'ct');
    mkdirSync(ctDir);
    const files = await writeCtSeries(image, { seed: 'extract-cli' });
    files.forEach((f, k) => writeFileSync(join(ctDir, `slice-${k}.dcm`), f));
    const first = readPart10(files[0], 'ct').dataset;
    const seg = writeSegmentation(
      mask,
      {
        studyInstanceUid: String(first.StudyInstanceUID),
        seriesInstanceUid: String(first.SeriesInstanceUID),
        frameOfReferenceUid: String(first.FrameOfReferenceUID),
        sopInstanceUids: files.map((f) => String(readPart10(f, 'ct').dataset.SOPInstanceUID)),
      },
      [{ label: 1, name: 'marrow', algorithmType: 'MANUAL' }],
      { seed: 'extract-cli-seg' },
    );
    writeFileSync(join(dir, 'seg.dcm'), seg);
    writeFileSync(join(dir, 'image.nrrd'), writeNrrd(image));
    writeFileSync(join(dir, 'mask.nrrd'), writeNrrd(mask));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a DICOM folder and a SEG file as the generated volume and mask', async () => {
    const got = await readExtractInputs({ image: join(dir, 'ct'), mask: join(dir, 'seg.dcm') });
    assertSameVolume(got.image, image, 1e-4);
    assert.deepEqual(got.mask.data, mask.data);
  });

  it('refuses --study without --dicomweb and --dicomweb without --study', async () => {
    await assert.rejects(readExtractInputs({ image: 'x', study: '1.2' }), { code: 'invalid-setting' });
    await assert.rejects(readExtractInputs({ dicomweb: 'http://127.0.0.1:9/dw' }), {
      code: 'invalid-setting',
    });
  });

  it('refuses a --dicomweb origin outside BONEMET_DICOMWEB_ALLOWLIST before any request', async () => {
    await assert.rejects(
      readExtractInputs(
        { dicomweb: 'http://10.9.9.9:8042/dicom-web', study: '1.2' },
        { BONEMET_DICOMWEB_ALLOWLIST: 'http://127.0.0.1:8042' },
      ),
      { code: 'host-not-allowed' },
    );
  });

  it('gives the same features from a DICOM folder + SEG as from the NRRD image + mask (bonemet extract)', () => {
    const fromDicom = bonemet(['extract', '--image', join(dir, 'ct'), '--mask', join(dir, 'seg.dcm')]);
    assert.equal(fromDicom.status, 0, fromDicom.stderr);
    const fromNrrd = bonemet([
      'extract',
      '--image',
      join(dir, 'image.nrrd'),
      '--mask',
      join(dir, 'mask.nrrd'),
    ]);
    assert.equal(fromNrrd.status, 0, fromNrrd.stderr);
    const a = featureRows(fromDicom.stdout);
    const b = featureRows(fromNrrd.stdout);
    assert.ok(a.size > 100);
    assert.deepEqual([...a], [...b]);
  });
});

describe('readExtractInputs with --auto-roi', () => {
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bonemet-extract-auto-'));
    const p = makeChestPhantom({ seed: 2001, size: [256, 256], pixelMm: 1.4 });
    const files = await writeCtSeries(p.image, {
      seed: 'extract-contrast',
      contrastBolusAgent: 'Visipaque 320',
    });
    files.forEach((f, k) => writeFileSync(join(dir, `${k}.dcm`), f));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the automatic ROI of a DICOM CT whose headers name contrast, naming the header', async () => {
    await assert.rejects(
      readExtractInputs({ image: dir, autoRoi: true }),
      (e: unknown) =>
        e instanceof RoiQcError &&
        e.code === 'roi-qc-failed' &&
        e.findings.some((f) => f.startsWith('contrast-enhanced scan')) &&
        e.message.includes('contrast-enhanced scan: DICOM header ContrastBolusAgent "Visipaque 320"'),
    );
  });

  it('keeps the ROI with --allow-contrast', async () => {
    const got = await readExtractInputs({ image: dir, autoRoi: true, allowContrast: true });
    assert.equal(got.maskSource, 'automatic ROI');
    assert.ok(got.mask.data.some((v) => v === 1));
  });

  it('refuses --allow-contrast without --auto-roi', async () => {
    await assert.rejects(readExtractInputs({ image: dir, mask: 'm.nrrd', allowContrast: true }), {
      code: 'invalid-setting',
    });
  });
});
