import type { Mask } from '../volume/types.ts';
import type { AcquisitionInfo, NumberRange } from '../volume/acquisition.ts';

export type { AcquisitionInfo, NumberRange } from '../volume/acquisition.ts';

/** Options of findMarrowRoi. */
export interface MarrowRoiOptions {
  /** The vertebra wanted (default 'T6'); when it fails QC the next one down, then the one above, is used. */
  readonly level?: string;
  /** Erosion of the cancellous interior from the cortex (mm); default 2. */
  readonly erosionMm?: number;
  /** HU window the ROI is clipped to; default [-100, 600]. */
  readonly huWindow?: readonly [number, number];
  /**
   * A contrast-enhanced scan (aortic lumen > 120 HU, or contrast named in the DICOM headers): 'reject'
   * (default) fails QC with no ROI, since contrast raises the marrow's HU; 'allow' gives the ROI and keeps a
   * warning in the QC reasons.
   */
  readonly contrast?: 'reject' | 'allow';
  /**
   * The series' acquisition headers (a DICOM series; absent for NRRD and NIfTI): a modality other than CT
   * fails QC with no ROI, contrast named there counts as contrast (see `contrast`), and slice thickness and
   * kernel are reported in the QC.
   */
  readonly acquisition?: AcquisitionInfo;
  /**
   * A person's naming of the levels (the ROI reviewed in the app): the vertebral body whose z range holds `zMm`
   * (LPS, mm) is `level`; the other bodies are counted from it and the automatic cues name nothing (the cue table
   * still says what each cue found). A position on no body refuses with a reason.
   */
  readonly levelAt?: { readonly zMm: number; readonly level: string };
}

/** What the DICOM headers say about contrast. */
export interface HeaderContrast {
  /**
   * True when they name contrast: a ContrastBolusAgent or ContrastBolusRoute that is not a "none"-style value
   * ("NONE", "NO", "non-contrast"...), or a ContrastBolusVolume above 0 ml.
   */
  readonly named: boolean;
  /**
   * Every contrast/bolus value the headers carry, as `Keyword "value"` (e.g. `ContrastBolusAgent "NONE"`,
   * `ContrastBolusVolume "80"`), whether it names contrast or not; empty when they carry none.
   */
  readonly values: readonly string[];
}

/** How sure the level labelling is: both ends of T1..T12 agree, one end only, or no labelling at all. */
export type LevelConfidence = 'high' | 'medium' | 'none';

/** A labelled vertebral body: LPS z range (mm, superior positive) of the centres of its slices. */
export interface LevelExtent {
  readonly label: string;
  readonly zRangeMm: readonly [number, number];
}

/** Quality control of the ROI; `passed` false means no ROI, and `reasons` say why. */
export interface RoiQc {
  readonly passed: boolean;
  readonly levelConfidence: LevelConfidence;
  /** ROI volume (mm^3); 0 without ROI. */
  readonly volumeMm3: number;
  /** Mean and SD (population) of the ROI's HU; null without ROI. */
  readonly meanHu: number | null;
  readonly sdHu: number | null;
  /** Mean HU of the descending aorta's lumen; null when it was not found (a reason says so) or not searched. */
  readonly aortaHu: number | null;
  /** Contrast as the DICOM headers give it (the other source beside `aortaHu`); null without headers. */
  readonly headerContrast: HeaderContrast | null;
  /** Modality of the series (e.g. "CT", "MR"); null without headers. */
  readonly modality: string | null;
  /** SliceThickness over the slices (min = max when they agree); null without headers or without the attribute. */
  readonly sliceThicknessMm: NumberRange | null;
  /** ConvolutionKernel (distinct values joined by ", " when the slices differ); null when not given. */
  readonly convolutionKernel: string | null;
  /**
   * Why a level was rejected or a fallback used, why there is no ROI at all (modality, contrast), and warnings
   * (contrast allowed, aorta not found, slice thickness outside 1..5 mm); empty when the requested level
   * passed cleanly.
   */
  readonly reasons: readonly string[];
  /** The same reasons as data, one finding each, in the same order. */
  readonly findings: readonly RoiFinding[];
}

/** How much a QC finding matters: 'error' means no ROI because of it. */
export type RoiFindingSeverity = 'error' | 'warning' | 'info';

/** A QC reason as data: a stable kebab `code`, its severity, and the reason as a person reads it. */
export interface RoiFinding {
  readonly code: string;
  readonly severity: RoiFindingSeverity;
  readonly message: string;
}

/** The anatomical cues the level labelling can use. */
export type LevelCueName = 'first-rib' | 'last-rib' | 'rib-count' | 'sacrum' | 'carina';

/** What one cue said: where it was found and which level it puts there. */
export interface LevelCue {
  readonly cue: LevelCueName;
  /** True when the cue was seen in the scan. */
  readonly found: boolean;
  /** The level the cue names at its position (e.g. 'T1' for the first rib-bearing vertebra), null when none. */
  readonly says: string | null;
  /** The level the final labelling gives there; null when the cue was not found or nothing was named. */
  readonly labelled: string | null;
  /** LPS z (mm) of the cue (a body's centre slice, or the carina's slice); null when not found. */
  readonly zMm: number | null;
  /** What was seen, in words. */
  readonly detail: string;
}

/** One slice of the tracked spine: the vertebral body's centre (continuous x, y index) and the rib findings. */
export interface SpineSlice {
  /** Slice index (volume z). */
  readonly z: number;
  readonly x: number;
  readonly y: number;
  /** A rib head (the medial end of a rib, at its costovertebral joint) on this slice, left and right. */
  readonly ribLeft: boolean;
  readonly ribRight: boolean;
}

/** What every outcome of findMarrowRoi reports, found or refused. */
interface MarrowRoiReport {
  readonly requestedLevel: string;
  readonly qc: RoiQc;
  /** Every vertebral body found and named, superior to inferior. */
  readonly levels: readonly LevelExtent[];
  /**
   * How sure the level names are, 0..1: 0 when nothing is named; higher when more independent cues (first and
   * last rib, rib count, sacrum, carina) agree on the same labelling (see `cues`).
   */
  readonly levelConfidence: number;
  /** Which cue said what (first rib, last rib, rib count, sacrum, carina), whether used or not. */
  readonly cues: readonly LevelCue[];
  /** The spine as tracked, one entry per slice in index order; empty when no spine was found. */
  readonly spine: readonly SpineSlice[];
  /** Every vertebral body found along the spine, superior first, named as in `levels` or '?' when unnamed. */
  readonly bodies: readonly LevelExtent[];
}

/** An ROI that passed QC: its mask (label 1, on the input grid) and its level (the requested one or its fallback). */
export interface MarrowRoiFound extends MarrowRoiReport {
  readonly status: 'found';
  readonly mask: Mask;
  readonly level: string;
}

/** No ROI: QC failed, and `qc.findings` say why. */
export interface MarrowRoiRefused extends MarrowRoiReport {
  readonly status: 'refused';
  readonly mask?: undefined;
  readonly level: null;
}

/** Result of findMarrowRoi: a typed outcome, found or refused, never a silent wrong level. */
export type MarrowRoiResult = MarrowRoiFound | MarrowRoiRefused;
