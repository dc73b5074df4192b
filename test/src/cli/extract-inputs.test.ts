import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { writeSegmentation } from '../../../src/dicom/seg-writer.ts';
import { planExtract } from '../../../src/cli/extract-inputs.ts';
import type { ExtractInputOptions } from '../../../src/cli/extract-inputs.ts';
import { analyseStudy } from '../../../src/analysis/analyse-study.ts';
import { paramsFromSettings } from '../../../src/radiomics/params.ts';
import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';
import { makeChestPhantom } from '../../../src/synth/chest-phantom.ts';
import { writeNrrd } from '../../../src/volume/io/nrrd.ts';
import { bonemet } from '../../support/cli-runner.ts';
import { assertSameVolume } from '../../support/ct-fixtures.ts';

const params = paramsFromSettings({});

/** What `bonemet extract` analyses for `opts`: the plan run through analyseStudy. */
async function analyse(opts: ExtractInputOptions) {
  const plan = planExtract(opts, {});
  return analyseStudy(plan.source, plan.refs, { params, roi: plan.roi, contrast: plan.contrast });
}

/** `feature -> value` of the non-diagnostic rows of an extract CSV. */
function featureRows(csv: string): Map<string, string> {
  const rows = csv.trim().split('\n').slice(1);
  return new Map(
    rows
      .map((l) => [l.slice(0, l.indexOf(',')), l.slice(l.indexOf(',') + 1)] as const)
      .filter(([k]) => !k.startsWith('diagnostics_')),
  );
}

describe('planExtract', () => {
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
    const plan = planExtract({ image: join(dir, 'ct'), mask: join(dir, 'seg.dcm') }, {});
    const ct = await plan.source.loadCt(await plan.source.chooseCtSeries(plan.refs.studyInstanceUid));
    assertSameVolume(ct.volume, image, 1e-4);
    const [seg] = await plan.source.findSegmentations(plan.refs.studyInstanceUid);
    assert.deepEqual((await plan.source.loadSegmentation(seg, ct.volume.grid)).data, mask.data);
    const got = await analyse({ image: join(dir, 'ct'), mask: join(dir, 'seg.dcm') });
    assert.equal(got.status, 'complete');
    assert.deepEqual(got.status === 'complete' ? got.roi : null, {
      kind: 'segmentation',
      seriesInstanceUid: join(dir, 'seg.dcm'),
    });
  });

  it('refuses --study without --dicomweb and --dicomweb without --study', async () => {
    assert.throws(() => planExtract({ image: 'x', study: '1.2' }, {}), { code: 'invalid-setting' });
    assert.throws(() => planExtract({ dicomweb: 'http://127.0.0.1:9/dw' }, {}), { code: 'invalid-setting' });
  });

  it('refuses a malformed --study UID before any request', () => {
    assert.throws(() => planExtract({ dicomweb: 'http://127.0.0.1:9/dw', study: '1.2/../x' }, {}), {
      code: 'invalid-uid',
    });
  });

  it('refuses a --dicomweb origin outside BONEMET_DICOMWEB_ALLOWLIST before any request', async () => {
    assert.throws(
      () =>
        planExtract(
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

describe('planExtract with --auto-roi', () => {
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

  it('fails the analysis at the ROI, not with an exception, for a DICOM CT whose headers name contrast', async () => {
    const got = await analyse({ image: dir, autoRoi: true });
    assert.equal(got.status, 'failed');
    if (got.status !== 'failed') return;
    assert.equal(got.stage, 'roi');
    assert.equal(got.category, 'patient-data-missing');
    assert.ok(
      got.findings.some(
        (f) =>
          f.code === 'contrast-enhanced' &&
          f.severity === 'error' &&
          f.message.includes('contrast-enhanced scan: DICOM header ContrastBolusAgent "Visipaque 320"'),
      ),
    );
    assert.equal(got.roiQc?.passed, false);
  });

  it('exits with RoiQcError naming the header (bonemet extract --auto-roi)', () => {
    const r = bonemet(['extract', '--image', dir, '--auto-roi']);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^bonemet: RoiQcError \(roi-qc-failed\): the automatic marrow ROI failed its quality control \(.*contrast-enhanced scan: DICOM header ContrastBolusAgent "Visipaque 320"/m,
    );
  });

  it('keeps the ROI with --allow-contrast, with the contrast warning among the findings', async () => {
    const got = await analyse({ image: dir, autoRoi: true, allowContrast: true });
    assert.equal(got.status, 'complete');
    if (got.status !== 'complete') return;
    assert.equal(got.roi.kind, 'automatic');
    assert.ok(got.mask.data.some((v) => v === 1));
    assert.ok(got.findings.some((f) => f.code === 'contrast-enhanced' && f.severity === 'warning'));
  });

  it('refuses --allow-contrast without --auto-roi', () => {
    assert.throws(() => planExtract({ image: dir, mask: 'm.nrrd', allowContrast: true }, {}), {
      code: 'invalid-setting',
    });
  });
});
