import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeCtSeries } from '../../src/dicom/ct-writer.ts';
import { readPart10 } from '../../src/dicom/part10.ts';
import { writeSegmentation } from '../../src/dicom/seg-writer.ts';
import { readExtractInputs } from '../../src/cli/extract-inputs.ts';
import { makeVertebraVolume } from '../../src/synth/vertebra-volume.ts';
import { startOrthanc } from '../support/orthanc.ts';
import type { OrthancServer } from '../support/orthanc.ts';
import { assertSameVolume } from '../support/ct-fixtures.ts';

/**
 * `bonemet extract --dicomweb` inputs through a real Orthanc: a generated CT series and its DICOM SEG are
 * stored, then read back (CT by QIDO choice or by UID, SEG by UID or as the study's only SEG series).
 */

let orthanc: OrthancServer;
const { image, mask } = makeVertebraVolume({ size: [48, 48, 6], spacingMm: [0.8, 0.8, 3], seed: 9 });
let study = '';
let ctSeries = '';
let segSeries = '';

describe('readExtractInputs through DICOMweb', () => {
  before(async () => {
    orthanc = await startOrthanc();
    const files = await writeCtSeries(image, { seed: 'extract-dicomweb' });
    const first = readPart10(files[0], 'ct').dataset;
    study = String(first.StudyInstanceUID);
    ctSeries = String(first.SeriesInstanceUID);
    const seg = writeSegmentation(
      mask,
      {
        studyInstanceUid: study,
        seriesInstanceUid: ctSeries,
        frameOfReferenceUid: String(first.FrameOfReferenceUID),
        sopInstanceUids: files.map((f) => String(readPart10(f, 'ct').dataset.SOPInstanceUID)),
      },
      [{ label: 1, name: 'marrow', algorithmType: 'MANUAL' }],
      { seed: 'extract-dicomweb-seg' },
    );
    segSeries = String(readPart10(seg, 'seg').dataset.SeriesInstanceUID);
    for (const f of [...files, seg]) await orthanc.upload(f);
  });
  after(async () => {
    await orthanc?.stop();
  });

  it('reads the CT and the named SEG series onto the CT grid', async () => {
    const got = await readExtractInputs(
      { dicomweb: orthanc.dicomWebUrl, study, series: ctSeries, seg: segSeries },
      {},
      () => undefined,
    );
    assertSameVolume(got.image, image, 1e-4);
    assert.deepEqual(got.mask.data, mask.data);
  });

  it("uses the study's only SEG series and its largest CT series when none is named", async () => {
    const got = await readExtractInputs({ dicomweb: orthanc.dicomWebUrl, study }, {}, () => undefined);
    assert.equal(got.maskSource, `SEG series ${segSeries}`);
    assert.deepEqual(got.mask.data, mask.data);
  });

  it('refuses the server when BONEMET_DICOMWEB_ALLOWLIST does not name its origin', async () => {
    await assert.rejects(
      readExtractInputs(
        { dicomweb: orthanc.dicomWebUrl, study },
        { BONEMET_DICOMWEB_ALLOWLIST: 'http://127.0.0.2:1' },
        () => undefined,
      ),
      { code: 'host-not-allowed' },
    );
  });
});
