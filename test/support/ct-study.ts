import { writeCtSeries } from '../../src/dicom/ct-writer.ts';
import type { CtWriterOptions } from '../../src/dicom/ct-writer.ts';
import { readPart10 } from '../../src/dicom/part10.ts';
import { writeSegmentation } from '../../src/dicom/seg-writer.ts';
import type { ChestPhantom } from '../../src/synth/chest-phantom.ts';
import type { OrthancServer } from './orthanc.ts';

/** The UIDs of a stored study. */
export interface StoredStudy {
  readonly studyInstanceUid: string;
  readonly ctSeriesInstanceUid: string;
  readonly ctInstances: number;
  readonly segSeriesInstanceUid?: string;
}

/**
 * Stores a chest phantom's CT as a DICOM series in Orthanc, and with `seg` its T6 marrow as a DICOM SEG of the
 * same study (as a radiologist's ROI would be); `header` adds CT writer options (contrast named, say).
 */
export async function storeCtStudy(
  orthanc: OrthancServer,
  phantom: ChestPhantom,
  seed: string,
  options: { readonly seg?: boolean; readonly header?: Partial<CtWriterOptions> } = {},
): Promise<StoredStudy> {
  const files = await writeCtSeries(phantom.image, { seed, ...options.header });
  const first = readPart10(files[0], 'ct').dataset;
  const study = {
    studyInstanceUid: String(first.StudyInstanceUID),
    ctSeriesInstanceUid: String(first.SeriesInstanceUID),
    ctInstances: files.length,
  };
  const uploads = [...files];
  let segSeriesInstanceUid: string | undefined;
  if (options.seg === true) {
    const bytes = writeSegmentation(
      phantom.marrow,
      {
        studyInstanceUid: study.studyInstanceUid,
        seriesInstanceUid: study.ctSeriesInstanceUid,
        frameOfReferenceUid: String(first.FrameOfReferenceUID),
        sopInstanceUids: files.map((f) => String(readPart10(f, 'ct').dataset.SOPInstanceUID)),
      },
      [{ label: 1, name: 'T6 marrow', algorithmType: 'MANUAL' }],
      { seed: `${seed}-seg` },
    );
    segSeriesInstanceUid = String(readPart10(bytes, 'seg').dataset.SeriesInstanceUID);
    uploads.push(bytes);
  }
  for (const f of uploads) await orthanc.upload(f);
  return segSeriesInstanceUid === undefined ? study : { ...study, segSeriesInstanceUid };
}
