import { chooseCtSeries, createDicomWebSource, summariseSeries } from '../dicom/dicomweb-source.ts';
import type { DicomWebSource, SeriesRef } from '../dicom/dicomweb-source.ts';
import { fetchSeriesVolume } from '../dicom/fetch-series.ts';
import { readSegmentation } from '../dicom/seg-reader.ts';
import { findMarrowRoi } from '../roi/marrow-roi.ts';
import type { Mask, Volume } from '../volume/types.ts';
import type { AcquisitionInfo } from '../volume/acquisition.ts';
import { DicomError, RoiQcError, SettingsError } from '../errors.ts';
import { fetchAllowList } from './fetch.ts';
import { readImageFile, readMaskFile } from './read-image.ts';

/** The input options of `bonemet extract` as commander parses them. */
export interface ExtractInputOptions {
  readonly image?: string;
  readonly mask?: string;
  readonly dicomweb?: string;
  readonly study?: string;
  readonly series?: string;
  readonly seg?: string;
  readonly autoRoi?: boolean;
  /** With --auto-roi: keep the ROI of a contrast-enhanced scan (QC warning) instead of failing QC. */
  readonly allowContrast?: boolean;
}

/** The image and mask `extract` computes features on, and where they came from (for messages). */
export interface ExtractInputs {
  readonly image: Volume;
  readonly mask: Mask;
  readonly maskSource: string;
}

/** The automatic marrow ROI, the series' acquisition headers (a DICOM series) taken into its QC. */
function automaticRoi(image: Volume, acquisition: AcquisitionInfo | null, opts: ExtractInputOptions): Mask {
  const roi = findMarrowRoi(image, {
    contrast: opts.allowContrast === true ? 'allow' : 'reject',
    ...(acquisition === null ? {} : { acquisition }),
  });
  if (roi.mask === undefined) {
    throw new RoiQcError(
      `the automatic marrow ROI failed its quality control (${roi.qc.reasons.join('; ') || 'no reason given'}); give a mask (--mask or --seg) instead`,
      roi.qc.reasons,
    );
  }
  return roi.mask;
}

async function segSeriesOf(source: DicomWebSource, studyUid: string): Promise<SeriesRef> {
  const segs = (await source.searchSeries(studyUid, { Modality: 'SEG' }))
    .map((ds) => summariseSeries(studyUid, ds))
    .filter((s) => s !== undefined && s.modality === 'SEG');
  if (segs.length !== 1 || segs[0] === undefined) {
    throw new DicomError(
      'empty-series',
      segs.length === 0
        ? `study ${studyUid} has no DICOM SEG series; give --seg <series uid> or --auto-roi`
        : `study ${studyUid} has ${segs.length} SEG series (${segs.map((s) => s?.seriesInstanceUid).join(', ')}); choose one with --seg`,
    );
  }
  return segs[0];
}

async function fromDicomWeb(
  opts: ExtractInputOptions & { readonly dicomweb: string },
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void,
): Promise<ExtractInputs> {
  if (opts.study === undefined) throw new SettingsError('invalid-setting', '--dicomweb needs --study <uid>');
  if (opts.image !== undefined || opts.mask !== undefined) {
    throw new SettingsError(
      'invalid-setting',
      '--dicomweb reads the image and mask from the server; drop --image and --mask',
    );
  }
  if (opts.seg !== undefined && opts.autoRoi === true) {
    throw new SettingsError('invalid-setting', 'give either --seg or --auto-roi, not both');
  }
  const token = env.BONEMET_DICOMWEB_TOKEN;
  const source = createDicomWebSource({
    baseUrl: opts.dicomweb,
    allowedOrigins: fetchAllowList(opts.dicomweb, env),
    ...(token !== undefined && token !== '' ? { token } : {}),
  });
  const ct: SeriesRef =
    opts.series === undefined
      ? await chooseCtSeries(source, opts.study)
      : { studyInstanceUid: opts.study, seriesInstanceUid: opts.series };
  log(`extract: retrieving CT series ${ct.seriesInstanceUid}`);
  const { volume, warnings, acquisition } = await fetchSeriesVolume(source, ct);
  for (const w of warnings) log(`extract: warning (${w.code}): ${w.message}`);
  if (opts.autoRoi === true)
    return { image: volume, mask: automaticRoi(volume, acquisition, opts), maskSource: 'automatic ROI' };
  const segRef: SeriesRef =
    opts.seg === undefined
      ? await segSeriesOf(source, opts.study)
      : { studyInstanceUid: opts.study, seriesInstanceUid: opts.seg };
  log(`extract: retrieving SEG series ${segRef.seriesInstanceUid}`);
  const files = await source.retrieveSeries(segRef);
  if (files.length !== 1) {
    throw new DicomError(
      'invalid-segmentation',
      `SEG series ${segRef.seriesInstanceUid} holds ${files.length} instances; one DICOM SEG instance is expected`,
    );
  }
  const seg = readSegmentation(files[0], volume.grid, `SEG series ${segRef.seriesInstanceUid}`);
  return { image: volume, mask: seg.mask, maskSource: `SEG series ${segRef.seriesInstanceUid}` };
}

/**
 * Reads the inputs of `bonemet extract`: `--image` (NRRD, NIfTI or a DICOM folder) with `--mask` (NRRD,
 * NIfTI or a DICOM SEG file read onto the image grid) or `--auto-roi`; or `--dicomweb --study [--series]`
 * with `--seg <SEG series uid>` (default: the study's only SEG series) or `--auto-roi`. The DICOMweb origin
 * must be on BONEMET_DICOMWEB_ALLOWLIST when it is set. The automatic ROI's QC takes a DICOM series'
 * acquisition headers into account (modality, contrast named there); `allowContrast` keeps the ROI of a
 * contrast-enhanced scan. Throws {@link SettingsError} for a bad combination.
 */
export async function readExtractInputs(
  opts: ExtractInputOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<ExtractInputs> {
  if (opts.allowContrast === true && opts.autoRoi !== true)
    throw new SettingsError('invalid-setting', '--allow-contrast applies to --auto-roi only');
  if (opts.dicomweb !== undefined) return fromDicomWeb({ ...opts, dicomweb: opts.dicomweb }, env, log);
  if (opts.study !== undefined || opts.series !== undefined || opts.seg !== undefined) {
    throw new SettingsError('invalid-setting', '--study, --series and --seg need --dicomweb <url>');
  }
  if (opts.image === undefined) {
    throw new SettingsError(
      'invalid-setting',
      'give --image <file or DICOM folder>, or --dicomweb with --study',
    );
  }
  const { volume: image, acquisition } = await readImageFile(opts.image, '--image');
  if (opts.autoRoi === true) {
    if (opts.mask !== undefined)
      throw new SettingsError('invalid-setting', 'give either --mask or --auto-roi, not both');
    return { image, mask: automaticRoi(image, acquisition, opts), maskSource: 'automatic ROI' };
  }
  if (opts.mask === undefined) throw new SettingsError('invalid-setting', 'give --mask <file> or --auto-roi');
  return { image, mask: await readMaskFile(opts.mask, image.grid, '--mask'), maskSource: opts.mask };
}
