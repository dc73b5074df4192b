import type { ImagingSource, StudyRefs } from '../analysis/imaging-source.ts';
import { createDicomWebSource } from '../dicom/dicomweb-source.ts';
import { dicomWebImagingSource } from '../dicom/imaging-source.ts';
import { assertDicomUid } from '../dicom/uid.ts';
import { SettingsError } from '../errors.ts';
import { fetchAllowList } from './fetch.ts';
import { fileImagingSource } from './file-imaging-source.ts';

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

/** Where `extract` reads from, which study, and which ROI it uses: what {@link analyseStudy} is called with. */
export interface ExtractPlan {
  readonly source: ImagingSource;
  readonly refs: StudyRefs;
  /** `segmentation` (--mask, --seg, or the study's only SEG series) or `automatic` (--auto-roi). */
  readonly roi: 'segmentation' | 'automatic';
  readonly contrast: 'reject' | 'allow';
}

function dicomWebPlan(
  opts: ExtractInputOptions & { readonly dicomweb: string },
  env: Readonly<Record<string, string | undefined>>,
): ExtractPlan {
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
  const dicomweb = createDicomWebSource({
    baseUrl: opts.dicomweb,
    allowedOrigins: fetchAllowList(opts.dicomweb, env),
    ...(token !== undefined && token !== '' ? { token } : {}),
  });
  return {
    source: dicomWebImagingSource(dicomweb),
    refs: {
      studyInstanceUid: assertDicomUid(opts.study, '--study'),
      ...(opts.series === undefined ? {} : { ctSeriesInstanceUid: assertDicomUid(opts.series, '--series') }),
      ...(opts.seg === undefined ? {} : { segSeriesInstanceUid: assertDicomUid(opts.seg, '--seg') }),
    },
    roi: opts.autoRoi === true ? 'automatic' : 'segmentation',
    contrast: opts.allowContrast === true ? 'allow' : 'reject',
  };
}

/**
 * Plans `bonemet extract`: `--image` (NRRD, NIfTI or a DICOM folder) with `--mask` (NRRD, NIfTI or a DICOM SEG
 * file read onto the image grid) or `--auto-roi`; or `--dicomweb --study [--series]` with `--seg <SEG series
 * uid>` (default: the study's only SEG series) or `--auto-roi`. The DICOMweb origin must be on
 * BONEMET_DICOMWEB_ALLOWLIST when it is set. Throws {@link SettingsError} for a bad combination and
 * DicomError `invalid-uid` for a malformed UID, before any request.
 */
export function planExtract(
  opts: ExtractInputOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ExtractPlan {
  if (opts.allowContrast === true && opts.autoRoi !== true)
    throw new SettingsError('invalid-setting', '--allow-contrast applies to --auto-roi only');
  if (opts.dicomweb !== undefined) return dicomWebPlan({ ...opts, dicomweb: opts.dicomweb }, env);
  if (opts.study !== undefined || opts.series !== undefined || opts.seg !== undefined) {
    throw new SettingsError('invalid-setting', '--study, --series and --seg need --dicomweb <url>');
  }
  if (opts.image === undefined) {
    throw new SettingsError(
      'invalid-setting',
      'give --image <file or DICOM folder>, or --dicomweb with --study',
    );
  }
  if (opts.autoRoi === true && opts.mask !== undefined)
    throw new SettingsError('invalid-setting', 'give either --mask or --auto-roi, not both');
  if (opts.autoRoi !== true && opts.mask === undefined)
    throw new SettingsError('invalid-setting', 'give --mask <file> or --auto-roi');
  return {
    source: fileImagingSource(opts.image, opts.mask),
    refs: { studyInstanceUid: opts.image },
    roi: opts.autoRoi === true ? 'automatic' : 'segmentation',
    contrast: opts.allowContrast === true ? 'allow' : 'reject',
  };
}
