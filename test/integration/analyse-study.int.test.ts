import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseStudy } from '../../src/analysis/analyse-study.ts';
import type { AnalysisOptions } from '../../src/analysis/analyse-study.ts';
import { deriveClinicalInputs } from '../../src/clinical/inputs.ts';
import type { CtWriterOptions } from '../../src/dicom/ct-writer.ts';
import { createDicomWebSource } from '../../src/dicom/dicomweb-source.ts';
import { dicomWebImagingSource } from '../../src/dicom/imaging-source.ts';
import { parseModelArtifact } from '../../src/model/artifact.ts';
import { parseParams } from '../../src/radiomics/params.ts';
import { makeChestPhantom } from '../../src/synth/chest-phantom.ts';
import type { ChestPhantom } from '../../src/synth/chest-phantom.ts';
import { bonemet } from '../support/cli-runner.ts';
import { startOrthanc } from '../support/orthanc.ts';
import { storeCtStudy } from '../support/ct-study.ts';
import type { OrthancServer } from '../support/orthanc.ts';
import { PROJECT_ROOT } from '../support/reference.ts';
import { featuresToCsv } from '../../src/cli/extract.ts';

/**
 * The analysis as one call against a real Orthanc: synthetic patients' chest CTs (and, for one, the T6 marrow
 * drawn as a DICOM SEG) stored, then analysed through DICOMweb exactly as the CLI does.
 */

const PARAMS_FILE = join(PROJECT_ROOT, 'params', 'study-1197.yaml');
const params = parseParams(readFileSync(PARAMS_FILE, 'utf8'), PARAMS_FILE);
const MODEL_FILE = join(PROJECT_ROOT, 'models', 'demo-synthetic.json');
const model = parseModelArtifact(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
const clinical = deriveClinicalInputs({
  ageYears: 51,
  erPercent: 60,
  prPercent: 10,
  her2Ihc: 1,
  ki67Percent: 30,
});

let orthanc: OrthancServer;
let dir = '';
const phantom = (seed: number): ChestPhantom => makeChestPhantom({ seed, size: [256, 256], pixelMm: 1.4 });
const withSeg = phantom(2002);
const ctOnly = phantom(2003);
const studies = { withSeg: '', ctOnly: '', contrast: '' };
let segSeries = '';

async function store(
  p: ChestPhantom,
  seed: string,
  header: Partial<CtWriterOptions> = {},
  seg = false,
): Promise<string> {
  const stored = await storeCtStudy(orthanc, p, seed, { seg, header });
  if (stored.segSeriesInstanceUid !== undefined) segSeries = stored.segSeriesInstanceUid;
  return stored.studyInstanceUid;
}

const source = () =>
  dicomWebImagingSource(
    createDicomWebSource({
      baseUrl: orthanc.dicomWebUrl,
      allowedOrigins: [new URL(orthanc.dicomWebUrl).origin],
    }),
  );
const options = (extra: Partial<AnalysisOptions> = {}): AnalysisOptions => ({
  params,
  model,
  clinical,
  ...extra,
});

describe('analyseStudy through DICOMweb', () => {
  before(async () => {
    orthanc = await startOrthanc();
    dir = mkdtempSync(join(tmpdir(), 'bonemet-analyse-'));
    studies.withSeg = await store(withSeg, 'analyse-seg', {}, true);
    studies.ctOnly = await store(ctOnly, 'analyse-ct-only');
    studies.contrast = await store(phantom(2004), 'analyse-contrast', { contrastBolusAgent: 'Iomeron 350' });
  });
  after(async () => {
    await orthanc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("uses the study's SEG and gives the same features and probability as bonemet extract and predict", async () => {
    const r = await analyseStudy(source(), { studyInstanceUid: studies.withSeg }, options());
    assert.equal(r.status, 'complete', JSON.stringify(r.findings));
    if (r.status !== 'complete') return;
    assert.deepEqual(r.roi, { kind: 'segmentation', seriesInstanceUid: segSeries });
    assert.deepEqual(r.mask.data, withSeg.marrow.data);
    assert.equal([...r.features.keys()].filter((k) => !k.startsWith('diagnostics_')).length, 1197);
    assert.ok(r.risk !== undefined && r.radScore !== undefined);
    assert.deepEqual(r.model, { id: model.id, version: model.version, synthetic: true });
    assert.deepEqual(Object.keys(r.timingsMs), ['series', 'roi', 'features', 'score']);

    const cli = bonemet([
      'extract',
      '--dicomweb',
      orthanc.dicomWebUrl,
      '--study',
      studies.withSeg,
      '--params',
      PARAMS_FILE,
    ]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout, featuresToCsv(r.features));

    const rows = cli.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const features = rows.filter(([k]) => !k.startsWith('diagnostics_'));
    const input = join(dir, 'predict.csv');
    writeFileSync(
      input,
      `id,${features.map(([k]) => k).join(',')},ki67\nP1,${features.map(([, v]) => v).join(',')},ge14\n`,
    );
    const predicted = bonemet(['predict', '--model', MODEL_FILE, '--input', input]);
    assert.equal(predicted.status, 0, predicted.stderr);
    const [header, row] = predicted.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    assert.equal(Number(row[header.indexOf('radScore')]), r.radScore);
    assert.equal(Number(row[header.indexOf('probability')]), r.risk.probability);
    assert.equal(row[header.indexOf('category')], r.risk.category);
  });

  it('uses the automatic T6 ROI when the study has no segmentation', async () => {
    const r = await analyseStudy(source(), { studyInstanceUid: studies.ctOnly }, options());
    assert.equal(r.status, 'complete', JSON.stringify(r.findings));
    if (r.status !== 'complete') return;
    assert.equal(r.roi.kind, 'automatic');
    assert.equal(r.roi.kind === 'automatic' ? r.roi.level : '', 'T6');
    let both = 0;
    let auto = 0;
    for (let i = 0; i < r.mask.data.length; i++) {
      if (r.mask.data[i] === 1) auto++;
      if (r.mask.data[i] === 1 && ctOnly.marrow.data[i] === 1) both++;
    }
    assert.ok(
      auto > 0 && both / auto > 0.9,
      `${both} of ${auto} automatic ROI voxels inside the true T6 marrow`,
    );
    assert.ok(r.risk !== undefined);
  });

  it('returns a failure value with codes, not an exception, when the automatic ROI fails its QC', async () => {
    const r = await analyseStudy(source(), { studyInstanceUid: studies.contrast }, options());
    assert.equal(r.status, 'failed');
    if (r.status !== 'failed') return;
    assert.equal(r.stage, 'roi');
    assert.equal(r.category, 'patient-data-missing');
    assert.ok(
      r.findings.some(
        (f) =>
          f.code === 'contrast-enhanced' &&
          f.severity === 'error' &&
          /ContrastBolusAgent "Iomeron 350"/.test(f.message),
      ),
    );
    assert.equal(r.roiQc?.passed, false);
    assert.equal(r.acquisition?.modality.join(), 'CT');
  });

  it('returns a failure value when a segmentation is required and the study has none', async () => {
    const r = await analyseStudy(
      source(),
      { studyInstanceUid: studies.ctOnly },
      options({ roi: 'segmentation' }),
    );
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.status === 'failed' ? r.findings.map((f) => f.code) : [], ['no-segmentation']);
  });

  it('returns a failure value for a study with no CT series on the server', async () => {
    const r = await analyseStudy(source(), { studyInstanceUid: '1.2.3.4.5.6.7' }, options());
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.status === 'failed' ? [r.stage, r.findings[0].code] : [], ['series', 'empty-series']);
  });

  it('refuses a host off the allow-list when the source is made, before any request (a bad request)', () => {
    assert.throws(
      () => createDicomWebSource({ baseUrl: orthanc.dicomWebUrl, allowedOrigins: ['http://127.0.0.2:1'] }),
      { code: 'host-not-allowed' },
    );
  });
});
