/**
 * The image the ROI search reads (DESIGN section 6). The search's thresholds (the canal's soft tissue below
 * 80 HU, a body above 110 HU, rib bone above 200 HU, cortex above 350-500 HU) sit 50-150 HU from the tissue
 * beside them. A sharp reconstruction kernel (the study's Siemens B70f, a lung or bone kernel) on thin slices
 * adds 60-150 HU of pixel noise, which scatters single pixels across those thresholds: discs go unseen, so two
 * bodies become one and the count slips a level; ribs break up; the ROI frays. When the in-plane pixel noise is
 * above NOISE_LIMIT_HU, the search reads a copy smoothed in-plane (each slice on its own, so no level is blurred
 * into the next) with the narrowest Gaussian that brings white noise of that SD down to NOISE_TARGET_HU, about
 * the noise of a standard kernel. Only the levels are found on that copy (the canal, the bodies and discs, the
 * ribs, the carina): the ROI itself is cut from the original, whose thin cortex (above 500 HU) the smoothing
 * would spread below the cortex threshold, and the aorta's HU is measured there too.
 */
import type { Volume, VoxelArray } from '../volume/types.ts';
import type { AxialFrame } from './axial-frame.ts';

/** In-plane pixel noise (HU) above which the search reads a smoothed copy. */
export const NOISE_LIMIT_HU = 30;
/**
 * Pixel noise (HU) above which no level is named: checked on real chest CTs with added noise, the levels held
 * up to 100 HU (none wrong in 40 draws of 80 and 100 HU on four scans, 15 refused), while at 120 HU the first
 * rib's or the 12th rib's cue was lost or faked in a third of the draws, often both together, so that the count
 * still ran twelve.
 */
export const MAX_NOISE_HU = 110;
/** Pixel noise (HU) the smoothing aims for: a standard soft-tissue kernel's. */
const NOISE_TARGET_HU = 15;
/** Widest smoothing (Gaussian SD, mm): well under a rib's or a disc's width, so no structure is lost. */
const MAX_SIGMA_MM = 2;
/** Soft tissue (fat to muscle and blood) on a 3x3 mean, where the noise is measured: no edges, little texture. */
const SOFT_HU: readonly [number, number] = [-150, 150];
/** Share of the stack, from either end, whose slices are sampled for the noise. */
const SAMPLE_AT: readonly number[] = [0.2, 0.35, 0.5, 0.65, 0.8];
/** Histogram of the residuals: bin width (HU) and count (up to 1000 HU). */
const BIN_HU = 0.25;
const HISTOGRAM_BINS = 4000;

/** What the search reads, with the noise measured and the smoothing applied (0 when none). */
export interface SearchImage {
  readonly volume: Volume;
  /** Estimated in-plane pixel noise of the original (HU, white-noise SD). */
  readonly noiseHu: number;
  /** Gaussian SD of the in-plane smoothing (mm); 0 when the original is read. */
  readonly smoothingMm: number;
}

/**
 * The in-plane pixel noise (HU): the spread of each soft-tissue pixel about the mean of its four neighbours,
 * on every other pixel of five slices through the stack, as a white-noise SD (1.4826 x median absolute
 * residual / sqrt(1.25)). High-frequency noise only: a smooth kernel's correlated noise, which does not scatter
 * single pixels, reads low. 0 when no soft tissue is found.
 */
export function pixelNoiseHu(volume: Volume, f: AxialFrame): number {
  const { nx, ny, nz } = f;
  const d = volume.data;
  // The median residual from a histogram (0.25 HU bins; residuals beyond the last bin are counted there).
  const bins = new Uint32Array(HISTOGRAM_BINS);
  let count = 0;
  const slices = new Set(SAMPLE_AT.map((s) => Math.min(nz - 1, Math.floor(s * nz))));
  for (const k of slices) {
    const o = nx * ny * k;
    for (let y = 2; y < ny - 2; y += 2) {
      const row = o + nx * y;
      for (let x = 2; x < nx - 2; x += 2) {
        const p = row + x;
        const up = p - nx;
        const down = p + nx;
        const m =
          (d[up - 1] + d[up] + d[up + 1] + d[p - 1] + d[p] + d[p + 1] + d[down - 1] + d[down] + d[down + 1]) /
          9;
        if (m < SOFT_HU[0] || m > SOFT_HU[1]) continue;
        const r = Math.abs(d[p] - (d[p - 1] + d[p + 1] + d[up] + d[down]) / 4);
        bins[Math.min(HISTOGRAM_BINS - 1, Math.floor(r / BIN_HU))]++;
        count++;
      }
    }
  }
  if (count === 0) return 0;
  let seen = 0;
  let b = 0;
  while (b < HISTOGRAM_BINS - 1 && seen + bins[b] <= count >> 1) seen += bins[b++];
  const medianResidual = (b + 0.5) * BIN_HU;
  return (1.4826 * medianResidual) / Math.sqrt(1.25);
}

/** A normalised 1D Gaussian of SD `sigma` (pixels), radius ceil(3 sigma). */
function gaussianKernel(sigma: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const w = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += w[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < w.length; i++) w[i] /= sum;
  return w;
}

/** The factor by which a separable 2D filter of 1D weights `w` scales white noise's SD: the sum of w^2. */
function noiseFactor(w: Float64Array): number {
  return w.reduce((a, v) => a + v * v, 0);
}

/** The rows of the slice starting at `o` in `src`, filtered by `w` along x into `dst` (one slice), edges clamped. */
function passX(src: VoxelArray, dst: Float32Array, o: number, f: AxialFrame, w: Float64Array): void {
  const r = (w.length - 1) >> 1;
  const { nx, ny } = f;
  for (let y = 0; y < ny; y++) {
    const row = o + nx * y;
    const out = nx * y;
    for (let x = 0; x < nx; x++) {
      let s = 0;
      if (x >= r && x < nx - r) {
        for (let i = -r; i <= r; i++) s += w[i + r] * src[row + x + i];
      } else {
        for (let i = -r; i <= r; i++) s += w[i + r] * src[row + Math.min(nx - 1, Math.max(0, x + i))];
      }
      dst[out + x] = s;
    }
  }
}

/**
 * One slice `src` filtered by `w` along y into the slice starting at `o` in `dst`, a whole row at a time (memory
 * in order), edges clamped.
 */
function passY(src: Float32Array, dst: Float32Array, o: number, f: AxialFrame, w: Float64Array): void {
  const r = (w.length - 1) >> 1;
  const { nx, ny } = f;
  for (let y = 0; y < ny; y++) {
    const out = o + nx * y;
    for (let i = -r; i <= r; i++) {
      const from = nx * Math.min(ny - 1, Math.max(0, y + i));
      const wi = w[i + r];
      for (let x = 0; x < nx; x++) dst[out + x] += wi * src[from + x];
    }
  }
}

/**
 * The image the search reads: the original when its pixel noise (see pixelNoiseHu) is at most NOISE_LIMIT_HU
 * (or above MAX_NOISE_HU, where no level is named), else a copy smoothed in-plane by the narrowest Gaussian (SD in steps of a tenth of a pixel, at most
 * MAX_SIGMA_MM) that scales white noise down to NOISE_TARGET_HU.
 */
export function searchImage(volume: Volume, f: AxialFrame): SearchImage {
  const noiseHu = pixelNoiseHu(volume, f);
  // Above MAX_NOISE_HU no level is named: nothing to smooth for.
  if (noiseHu <= NOISE_LIMIT_HU || noiseHu > MAX_NOISE_HU) return { volume, noiseHu, smoothingMm: 0 };
  const pixelMm = Math.min(f.sxMm, f.syMm);
  const maxSigma = MAX_SIGMA_MM / pixelMm;
  let sigma = 0.5;
  let w = gaussianKernel(sigma);
  while (sigma < maxSigma && noiseHu * noiseFactor(w) > NOISE_TARGET_HU) {
    sigma = Math.min(maxSigma, sigma + 0.1);
    w = gaussianKernel(sigma);
  }
  const tmp = new Float32Array(f.nx * f.ny);
  const out = new Float32Array(volume.data.length);
  for (let k = 0; k < f.nz; k++) {
    const o = f.nx * f.ny * k;
    passX(volume.data, tmp, o, f, w);
    passY(tmp, out, o, f, w);
  }
  return { volume: { grid: volume.grid, data: out }, noiseHu, smoothingMm: sigma * pixelMm };
}

/** The QC note saying the levels were found on a smoothed copy (an 'info' finding, code image-smoothed). */
export function noiseNote(noiseHu: number, smoothingMm: number): string {
  return `pixel noise about ${noiseHu.toFixed(0)} HU (a sharp kernel): the levels were found on a copy smoothed in-plane (Gaussian SD ${smoothingMm.toFixed(1)} mm); the ROI and its HU come from the original image`;
}

/**
 * The refusal of a count from the last rib alone on a noisy image: the 12th rib, short and thin (often only a few
 * centimetres), is the first rib a sharp kernel's noise hides, and T11 would then be taken for T12.
 */
export function noisyLastRib(noiseHu: number): string {
  return `the scan starts below T1 and its pixel noise is high (about ${noiseHu.toFixed(0)} HU): a count from the last rib alone is not trusted, since the short 12th rib is the first rib such noise hides (T11 would be taken for T12), so no level is named`;
}

/** The refusal of an image too noisy to count levels on (see MAX_NOISE_HU). */
export function tooNoisy(noiseHu: number): string {
  return `pixel noise about ${noiseHu.toFixed(0)} HU, above the ${MAX_NOISE_HU} HU up to which the level count is checked: the ribs and discs it counts by are lost or faked in such noise, so no level is named (a softer kernel or thicker slices of the same scan would do)`;
}
