import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import {
  REVIEW_CONTENT_LABEL,
  REVIEW_SERIES_DESCRIPTION,
  reviewDescription,
  reviewOfContent,
  writeReviewSegmentation,
} from '../../../src/dicom/review-seg.ts';
import { readSegmentation } from '../../../src/dicom/seg-reader.ts';
import { makeGrid } from '../../../src/volume/grid.ts';

const grid = makeGrid([8, 6, 5], [0.7, 0.7, 2.5], [-3, -2, -40], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
const volume = { grid, data: Float32Array.from({ length: 240 }, (_, i) => (i % 7) * 30 - 100) };

describe('writeReviewSegmentation', () => {
  it('stores the review in the content fields, in the CT study under the same patient, and reads it back', async () => {
    const files = await writeCtSeries(volume, {
      seed: 'review-seg',
      patientId: 'P-17',
      patientName: 'Doe^Jane',
    });
    const ct = readPart10(files[0], 'ct').dataset;
    const ref = {
      studyInstanceUid: String(ct.StudyInstanceUID),
      seriesInstanceUid: String(ct.SeriesInstanceUID),
      sopInstanceUids: files.map((f) => String(readPart10(f, 'ct').dataset.SOPInstanceUID)),
    };
    const data = new Uint8Array(240);
    data.fill(1, 100, 130);
    const review = {
      action: 'corrected' as const,
      fromLevel: 'T5',
      level: 'T6',
      reviewer: 'Dr Ada^Reviewer',
      time: '2026-12-07T18:30:05Z',
    };
    const { seg, bytes } = writeReviewSegmentation({ grid, data }, review, ref, files[0]);
    const ds = readPart10(bytes, 'seg').dataset;
    assert.equal(ds.StudyInstanceUID, ref.studyInstanceUid);
    assert.equal(ds.SeriesInstanceUID, seg.seriesInstanceUid);
    assert.notEqual(seg.seriesInstanceUid, ref.seriesInstanceUid);
    assert.equal(ds.PatientID, 'P-17');
    assert.equal(ds.SeriesDescription, REVIEW_SERIES_DESCRIPTION);
    assert.equal(ds.ContentLabel, REVIEW_CONTENT_LABEL);
    assert.equal(ds.ContentDescription, 'corrected T5 T6');
    assert.equal(ds.SeriesDate, '20261207');
    assert.equal(ds.SeriesTime, '183005');
    const back = readSegmentation(bytes, grid, 'seg');
    assert.deepEqual(back.mask.data, data);
    // The PN separator in the reviewer's name is not kept: a name, not a structured person name.
    assert.deepEqual(reviewOfContent(back.content), { ...review, reviewer: 'Dr Ada Reviewer' });
  });
});

describe('reviewDescription and reviewOfContent', () => {
  const content = (label: string, description: string) => ({
    label,
    description,
    creatorName: 'Dr B',
    date: '20261207',
    time: '090000.000',
  });
  it('round-trips a confirmation and a correction from an unnamed vertebra', () => {
    assert.equal(reviewDescription({ action: 'confirmed', level: 'T7' }), 'confirmed T7');
    assert.deepEqual(reviewOfContent(content(REVIEW_CONTENT_LABEL, 'confirmed T7')), {
      action: 'confirmed',
      level: 'T7',
      reviewer: 'Dr B',
      time: '2026-12-07T09:00:00Z',
    });
    assert.equal(reviewDescription({ action: 'corrected', level: 'T6' }), 'corrected ? T6');
    assert.equal(reviewOfContent(content(REVIEW_CONTENT_LABEL, 'corrected ? T6'))?.fromLevel, '?');
  });
  it('is no review for a segmentation drawn elsewhere or an unreadable description', () => {
    assert.equal(reviewOfContent(content('ROI', 'confirmed T6')), undefined);
    assert.equal(reviewOfContent(content(REVIEW_CONTENT_LABEL, 'looked at it')), undefined);
  });
});
