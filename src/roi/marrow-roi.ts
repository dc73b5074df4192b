/**
 * The automatic vertebral marrow ROI (DESIGN section 6): the spinal canal followed through the stack as one
 * minimal-cost path, the vertebral body tracked in front of it, bodies separated by discs, rib heads found
 * along the spine and grouped into rib levels that align the bodies, levels named from the first rib (T1), the
 * last rib (T12) or the sacrum, with a cue table and a confidence; the requested body's cancellous interior
 * eroded from the cortex and clipped to a HU window, with QC and the study's fallback (next vertebra down,
 * then the one above).
 */
import type { Volume } from '../volume/types.ts';
import { voxelVolumeMm3 } from '../volume/grid.ts';
import { SettingsError } from '../errors.ts';
import { axialFrame } from './axial-frame.ts';
import type { AxialFrame } from './axial-frame.ts';
import { findSpineColumn, trackSpine } from './spine-track.ts';
import type { SpineGuide, SpineTrack } from './spine-track.ts';
import { findCanalPath } from './canal-path.ts';
import { findRibBones } from './rib-heads.ts';
import { labelWithRibs } from './rib-labelling.ts';
import { findSegments } from './vertebra-levels.ts';
import { FROM_T12_ONLY, isBelowL5Top, segmentName } from './level-labelling.ts';
import type { Segment } from './vertebra-levels.ts';
import { extractBodyInterior } from './body-interior.ts';
import { roiShapeReasons } from './body-shape.ts';
import { levelLabel, levelName } from './level-names.ts';
import { CONTRAST_AORTA_HU, measureAortaHu } from './aorta-contrast.ts';
import { checkAcquisition } from './acquisition-qc.ts';
import { qcFindings } from './qc-findings.ts';
import { extent, fail, headerQc, spineSlices } from './roi-outcome.ts';
import type { CueSummary } from './roi-outcome.ts';
import { carinaAgrees, inferredLevelsCounted, levelConfidenceScore, levelCues } from './level-cues.ts';
import { findCarina } from './carina.ts';
import { MAX_NOISE_HU, noiseNote, noisyLastRib, searchImage, tooNoisy } from './search-image.ts';
import { labelFromPerson } from './person-labelling.ts';
import type { PersonLevel } from './person-labelling.ts';
import type { LevelExtent, MarrowRoiOptions, MarrowRoiResult, RoiQc } from './types.ts';

export type {
  AcquisitionInfo,
  HeaderContrast,
  LevelCue,
  LevelExtent,
  MarrowRoiOptions,
  MarrowRoiResult,
  RoiFinding,
  RoiQc,
  SpineSlice,
} from './types.ts';

const MIN_SLICES = 3;
/** Endplate and disc partial volume at each end of a body (mm), left out of the ROI on thin slices. */
const ENDPLATE_MM = 1.5;
const MIN_ROI_MM3 = 500;
const WEDGE_LIMIT = 0.8;
const SCLEROTIC_HU = 450;
const SCLEROTIC_RATIO = 1.6;

interface Candidate {
  readonly reasons: string[];
  readonly voxels?: Int32Array;
  readonly meanHu?: number;
  readonly sdHu?: number;
}

/** The body lies in front of the canal: its centre about this far (mm) anterior of the canal's centre. */
const BODY_AHEAD_MM = 22;
/** Half-depth (mm) of the window searched for the body centre around that point. */
const BODY_WINDOW_MM = 20;

/**
 * The search window for the body centre along the canal's centreline (see findCanalPath), or null when the
 * canal was followed over fewer than half the slices (the bone column's position is then used).
 */
function spineGuide(volume: Volume, f: AxialFrame): SpineGuide | null {
  const canal = findCanalPath(volume, f);
  if (typeof canal === 'string' || canal.nodes < f.nz / 2) return null;
  const ahead = (BODY_AHEAD_MM / f.syMm) * f.posteriorSign;
  return { x: canal.x, y: canal.y.map((y) => y - ahead), halfYMm: BODY_WINDOW_MM };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[s.length >> 1];
}

/**
 * Checks one named body and extracts its ROI (the cortex told on the 3x3 mean when `cortexOnMean`, see
 * extractBodyInterior); reasons are empty when it passes.
 */
function tryLevel(
  volume: Volume,
  f: AxialFrame,
  track: SpineTrack,
  segments: readonly Segment[],
  label: number,
  erosionMm: number,
  huWindow: readonly [number, number],
  cortexOnMean: boolean,
): Candidate {
  const name = levelName(label);
  const i = segments.findIndex((s) => s.label === label);
  if (i < 0) return { reasons: [`${name} is not in the scan`] };
  const seg = segments[i];
  const reasons: string[] = [];
  if (seg.truncated) reasons.push(`${name} is cut by the edge of the scan`);
  const neighbours = [i - 2, i - 1, i + 1, i + 2]
    .filter((j) => j >= 0 && j < segments.length && !segments[j].truncated)
    .map((j) => segments[j].coreMeanHu);
  const ref = median(neighbours);
  if (seg.coreMeanHu > SCLEROTIC_HU || (ref > 0 && seg.coreMeanHu > SCLEROTIC_RATIO * ref)) {
    const vs = ref > 0 ? `, ${(seg.coreMeanHu / ref).toFixed(1)}x its neighbours` : '';
    reasons.push(`${name} is sclerotic (core mean ${seg.coreMeanHu.toFixed(0)} HU${vs})`);
  }
  // On thin slices the end slices cut the endplates and the disc's partial volume, not the cancellous marrow.
  const trim = Math.floor(ENDPLATE_MM / f.szMm);
  const slices =
    seg.slices.length > 2 * trim + 3 ? seg.slices.slice(trim, seg.slices.length - trim) : seg.slices;
  const body = extractBodyInterior(volume, f, track, slices, erosionMm, huWindow, cortexOnMean);
  if (body.wedgeRatio < WEDGE_LIMIT) {
    reasons.push(
      `${name} is wedged (anterior/posterior height ${body.wedgeRatio.toFixed(2)} < ${WEDGE_LIMIT})`,
    );
  }
  const n = body.voxels.length;
  const volumeMm3 = n * voxelVolumeMm3(volume.grid);
  if (volumeMm3 < MIN_ROI_MM3)
    reasons.push(`${name} ROI too small (${volumeMm3.toFixed(0)} mm^3 < ${MIN_ROI_MM3})`);
  else reasons.push(...roiShapeReasons(name, body.shape, volumeMm3 / (slices.length * f.szMm)));
  if (reasons.length > 0) return { reasons };
  let sum = 0;
  let sum2 = 0;
  for (const idx of body.voxels) {
    const v = volume.data[idx];
    sum += v;
    sum2 += v * v;
  }
  const meanHu = sum / n;
  const sdHu = Math.sqrt(Math.max(0, sum2 / n - meanHu * meanHu));
  return { reasons, voxels: body.voxels, meanHu, sdHu };
}

function validate(options: MarrowRoiOptions): {
  label: number;
  erosionMm: number;
  huWindow: readonly [number, number];
  allowContrast: boolean;
  person: PersonLevel | null;
} {
  const name = options.level ?? 'T6';
  let label: number;
  try {
    label = levelLabel(name);
  } catch (e) {
    throw new SettingsError('invalid-setting', `level must be a vertebra such as T6, got "${name}"`, {
      cause: e,
    });
  }
  const erosionMm = options.erosionMm ?? 2;
  if (!Number.isFinite(erosionMm) || erosionMm < 0) {
    throw new SettingsError('invalid-setting', `erosionMm must be >= 0, got ${erosionMm}`);
  }
  const huWindow = options.huWindow ?? [-100, 600];
  if (!(huWindow[0] < huWindow[1])) {
    throw new SettingsError(
      'invalid-setting',
      `huWindow must be [low, high] with low < high, got [${huWindow.join(', ')}]`,
    );
  }
  const contrast = options.contrast ?? 'reject';
  if (contrast !== 'reject' && contrast !== 'allow') {
    throw new SettingsError(
      'invalid-setting',
      `contrast must be 'reject' or 'allow', got "${String(contrast)}"`,
    );
  }
  let person: PersonLevel | null = null;
  if (options.levelAt !== undefined) {
    const { zMm, level } = options.levelAt;
    if (!Number.isFinite(zMm))
      throw new SettingsError('invalid-setting', `levelAt.zMm must be a number, got ${zMm}`);
    try {
      person = { zMm, label: levelLabel(level) };
    } catch (e) {
      throw new SettingsError(
        'invalid-setting',
        `levelAt.level must be a vertebra such as T6, got "${level}"`,
        {
          cause: e,
        },
      );
    }
  }
  return { label, erosionMm, huWindow, allowContrast: contrast === 'allow', person };
}

/**
 * The failed QC of a series whose acquisition headers rule out a marrow ROI before any voxel is looked at (a
 * modality other than CT: "the series is MR, not CT: ..."); null when they do not. {@link findMarrowRoi} starts
 * with it; a caller holding only the headers of a series it could not read as HU (an MR series) uses it
 * alone. Throws {@link SettingsError} for invalid options.
 */
export function marrowRoiRefusal(options: MarrowRoiOptions = {}): MarrowRoiResult | null {
  const { label, allowContrast } = validate(options);
  const a = checkAcquisition(options.acquisition, allowContrast);
  return a.refusal === null ? null : fail(levelName(label), headerQc(a), [a.refusal]);
}

/**
 * Finds the marrow ROI of `options.level` (default T6) in a chest CT volume (HU). When that level fails QC
 * (absent, cut by the scan edge, sclerotic: core mean > 450 HU or > 1.6x its neighbours, wedged: anterior /
 * posterior height < 0.8, ROI < 500 mm^3, ROI not the body's interior: see roiShapeReasons) the next vertebra
 * down is tried, then the one above, and the reasons are reported. A contrast-enhanced scan (descending aorta
 * > 120 HU, see measureAortaHu, or contrast named in `options.acquisition`'s headers, see checkAcquisition)
 * fails QC with no ROI unless `options.contrast` is 'allow', which keeps a warning in the reasons; `qc.aortaHu`
 * records the aorta's HU (null, with a reason, when it was not found) and `qc.headerContrast` the headers'
 * contrast values. Headers of a modality other than CT fail QC at once; slice thickness and kernel are
 * reported in the QC, with a warning for a thickness outside 1..5 mm. Bad input (no body, no spine, too few
 * slices, non-axial) gives a failed QC with a reason; only invalid options throw (SettingsError). Every reason
 * is also in `qc.findings` with a stable code (qc-findings.ts); `cues` says which landmark (first and last rib,
 * rib count, sacrum, carina) named which level and `levelConfidence` (0..1) how far they agree; a carina the
 * count puts outside T3..T7 refuses the labelling. An image with a sharp kernel's pixel noise (above 30 HU, see
 * search-image.ts) has its levels found on an in-plane smoothed copy (finding image-smoothed), is not counted
 * from the last rib alone (noisy-last-rib), and above 110 HU gets no level at all (too-noisy). `spine` and
 * `bodies` carry what the debug picture draws.
 */
export function findMarrowRoi(volume: Volume, options: MarrowRoiOptions = {}): MarrowRoiResult {
  const { label, erosionMm, huWindow, allowContrast, person } = validate(options);
  const requested = levelName(label);
  const acquisition = checkAcquisition(options.acquisition, allowContrast);
  const header = headerQc(acquisition);
  if (acquisition.refusal !== null) return fail(requested, header, [acquisition.refusal]);
  // Header findings come first in every outcome's reasons.
  const pre: string[] = [
    ...(acquisition.contrastRejection === null ? [] : [acquisition.contrastRejection]),
    ...acquisition.warnings,
  ];
  const failEarly = (reason: string): MarrowRoiResult => fail(requested, header, [...pre, reason]);
  const f = axialFrame(volume.grid);
  if (typeof f === 'string') return failEarly(f);
  if (f.nz < MIN_SLICES) return failEarly(`too few slices (${f.nz}) to find vertebral levels`);
  if (volume.data.length !== f.nx * f.ny * f.nz)
    return failEarly('the voxel data do not match the grid size');
  // A sharp kernel's pixel noise is smoothed away for finding the levels only (see search-image.ts).
  const search = searchImage(volume, f);
  if (search.noiseHu > MAX_NOISE_HU) return failEarly(tooNoisy(search.noiseHu));
  const image = search.volume;
  if (search.smoothingMm > 0) pre.push(noiseNote(search.noiseHu, search.smoothingMm));
  const column = findSpineColumn(image, f);
  if (typeof column === 'string') return failEarly(column);
  const track = trackSpine(image, f, spineGuide(image, f) ?? column);
  const found = findSegments(track, f);
  // Bone beside the sacrum and the lowest lumbar vertebra is the iliac wing, not a rib (the iliac crests reach L4-L5).
  const bones = findRibBones(image, f, track);
  const heads = bones.heads.filter((h) => !isBelowL5Top(found, h.z, f));
  const auto = labelWithRibs(found, heads, bones.necks, track, f);
  const segments = [...auto.segments];
  const named = person === null ? auto : labelFromPerson(segments, f, person);
  if (typeof named === 'string') {
    const unnamed = { segments, confidence: 'none' as const, reasons: [] };
    return fail(requested, header, [...pre, named], [], null, {
      cues: levelCues(unnamed, f),
      levelConfidence: 0,
      spine: spineSlices(track, heads),
      bodies: segments.map((g) => extent(g, f, null)),
    });
  }
  const labelling = named;
  if (search.smoothingMm > 0 && labelling.reasons.includes(FROM_T12_ONLY)) {
    // The 12th rib, short and thin, is the first rib a sharp kernel's noise hides: T11 would be taken for T12.
    const unnamed = { segments, confidence: 'none' as const, reasons: [] };
    return fail(requested, header, [...pre, noisyLastRib(search.noiseHu)], [], null, {
      cues: levelCues(unnamed, f),
      levelConfidence: 0,
      spine: spineSlices(track, heads),
      bodies: segments.map((g) => extent(g, f, null)),
    });
  }
  const levels: LevelExtent[] = [];
  for (const s of labelling.segments) {
    const name = segmentName(s);
    if (name === null || labelling.confidence === 'none') continue;
    const zs = s.slices.map((k) => f.zLpsMm(k));
    levels.push({ label: name, zRangeMm: [Math.min(...zs), Math.max(...zs)] });
  }
  const cueTable = levelCues(labelling, f, findCarina(image, f, track));
  const cues: CueSummary = {
    cues: cueTable,
    levelConfidence: person === null ? levelConfidenceScore(labelling, cueTable, label) : 1,
    spine: spineSlices(track, heads),
    bodies: labelling.segments.map((g) =>
      extent(g, f, labelling.confidence === 'none' ? null : segmentName(g)),
    ),
  };
  if (labelling.confidence === 'none') {
    return fail(requested, header, [...pre, ...labelling.reasons], [], null, cues);
  }
  if (person === null && carinaAgrees(cueTable) === false) {
    const at = cueTable.find((c) => c.cue === 'carina')?.labelled ?? '?';
    const why = `the cues disagree: the rib count puts the carina at ${at}, where it does not lie (T3..T7), so no level is named`;
    return fail(requested, header, [...pre, ...labelling.reasons, why], [], null, {
      ...cues,
      levelConfidence: 0,
    });
  }
  const reasons: string[] = [...pre, ...labelling.reasons];
  const inferred = person === null ? inferredLevelsCounted(labelling, cueTable, label) : [];
  if (inferred.length > 0) {
    const names = inferred.map((g) => segmentName(g)).join(', ');
    reasons.push(
      `warning: the count to ${requested} passes ${names}, inferred from a gap between rib levels (no rib head seen on either side on ${f.szMm.toFixed(1)} mm slices): it may be one level off; have the level checked`,
    );
  }
  // The aorta is measured even when the headers already name contrast, so the QC reports both sources.
  const aorta = measureAortaHu(volume, f, track, labelling.segments);
  if (aorta.reason !== null) reasons.push(aorta.reason);
  if (aorta.aortaHu !== null && aorta.aortaHu > CONTRAST_AORTA_HU) {
    const what = `contrast-enhanced scan: aorta mean ${aorta.aortaHu.toFixed(0)} HU > ${CONTRAST_AORTA_HU} HU`;
    if (!allowContrast) {
      reasons.push(`${what} (contrast raises the marrow HU; allow contrast to keep the ROI anyway)`);
      return fail(requested, header, reasons, levels, aorta.aortaHu, cues);
    }
    reasons.push(`warning: ${what}, allowed: the marrow HU is raised by contrast`);
  }
  if (acquisition.contrastRejection !== null)
    return fail(requested, header, reasons, levels, aorta.aortaHu, cues);
  // On a noisy image the cortex is told from the marrow on a mean over about 2 mm (see extractBodyInterior):
  // the 3x3 mean of pixels under 1 mm; larger pixels already average that much.
  const cortexOnMean = search.smoothingMm > 0 && Math.max(f.sxMm, f.syMm) < 1;
  for (const candidate of [label, label + 1, label - 1]) {
    if (candidate < 1 || candidate > 24) continue;
    const c = tryLevel(volume, f, track, labelling.segments, candidate, erosionMm, huWindow, cortexOnMean);
    if (c.voxels === undefined || c.meanHu === undefined || c.sdHu === undefined) {
      reasons.push(...c.reasons);
      continue;
    }
    const data = new Uint8Array(volume.data.length);
    for (const idx of c.voxels) data[idx] = 1;
    const name = levelName(candidate);
    if (candidate !== label) reasons.push(`using ${name} instead of ${requested}`);
    const qc: RoiQc = {
      passed: true,
      levelConfidence: labelling.confidence,
      volumeMm3: c.voxels.length * voxelVolumeMm3(volume.grid),
      meanHu: c.meanHu,
      sdHu: c.sdHu,
      aortaHu: aorta.aortaHu,
      ...header,
      reasons,
      findings: qcFindings(reasons, true),
    };
    const mask = { grid: volume.grid, data };
    return { status: 'found', mask, level: name, requestedLevel: requested, qc, levels, ...cues };
  }
  return fail(requested, header, reasons, levels, aorta.aortaHu, cues);
}
