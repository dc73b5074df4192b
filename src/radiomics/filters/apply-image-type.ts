/**
 * One entry point for PyRadiomics' image types (`imageoperations.get<Name>Image`): the derived images of an image
 * type with their PyRadiomics names, optionally evaluated only on a box of the whole-image result.
 */
import type { IndexBox, IndexXYZ, Vec3, VoxelArray } from '../../volume/types.ts';
import type { RadiomicsSettings } from '../settings.ts';
import type { FilterImageType } from './reach.ts';
import { SettingsError } from '../../errors.ts';
import { exponentialImage, logarithmImage, maxAbsolute, squareImage, squareRootImage } from './intensity.ts';
import { gradientMagnitude } from './gradient.ts';
import { isLogApplicable, laplacianOfGaussian, logImageName, logReachVoxels } from './log.ts';
import { stationaryWavelet3D } from './wavelet.ts';
import { waveletBank } from './wavelet-banks.ts';
import { waveletAxes } from './reach.ts';

/** The image a filter sees: PyRadiomics filters the whole (possibly resampled and cropped) image. */
export interface FilterInput {
  readonly size: IndexXYZ;
  readonly spacingMm: Vec3;
  readonly data: VoxelArray;
}

export interface ApplyImageTypeOptions {
  /**
   * max|x| of the whole image the filter stands for (Square, SquareRoot, Logarithm, Exponential). Default: the max
   * over `volume`. Pass the whole image's value when `volume` is only a crop of it.
   */
  readonly wholeImageMaxAbs?: number;
  /**
   * Return only this inclusive box of the result (arrays are box-sized, x fastest). The values are the
   * whole-image ones: Wavelet evaluates the periodic transform on the box directly (exact); LoG and Gradient filter
   * the box padded by their reach, clamped to the image (Gradient exact; LoG within 1e-9 x max|x| before float32
   * rounding, i.e. at most one float32 rounding step apart).
   */
  readonly outputBox?: IndexBox;
  /** Round LoG and Gradient to float32 as SimpleITK does (default true). */
  readonly float32?: boolean;
}

/** One derived image: PyRadiomics' image type name (`original`, `wavelet-LLH`, `log-sigma-1-0-mm-3D`, ...). */
export interface DerivedImageData {
  readonly imageTypeName: string;
  readonly data: Float64Array;
}

const NAMES: readonly FilterImageType[] = [
  'Original',
  'Wavelet',
  'Square',
  'SquareRoot',
  'Logarithm',
  'Exponential',
  'LoG',
  'Gradient',
];

/**
 * The derived images of image type `name` for `volume` (PyRadiomics `get<Name>Image`), in PyRadiomics' order.
 * LoG yields one image per applicable sigma (none when the image is under 4 voxels on an axis, see
 * `isLogApplicable`); Wavelet yields the detail bands then the approximation. Formulas: see each filter's module.
 */
export function applyImageType(
  name: FilterImageType,
  volume: FilterInput,
  settings: RadiomicsSettings,
  options: ApplyImageTypeOptions = {},
): DerivedImageData[] {
  if (!NAMES.includes(name)) {
    throw new SettingsError(
      'unknown-image-type',
      `image type '${String(name)}' is not available; use one of ${NAMES.join(', ')} (imageType in the params file)`,
    );
  }
  const box = options.outputBox ?? fullBox(volume.size);
  const float32 = options.float32 ?? true;
  const pointwise = (fn: (d: VoxelArray, m: number) => Float64Array, out: string): DerivedImageData[] => {
    const m = options.wholeImageMaxAbs ?? maxAbsolute(volume.data);
    return [{ imageTypeName: out, data: fn(cropData(volume.data, volume.size, box), m) }];
  };
  switch (name) {
    case 'Original':
      return [
        { imageTypeName: 'original', data: Float64Array.from(cropData(volume.data, volume.size, box)) },
      ];
    case 'Square':
      return pointwise(squareImage, 'square');
    case 'SquareRoot':
      return pointwise(squareRootImage, 'squareroot');
    case 'Logarithm':
      return pointwise(logarithmImage, 'logarithm');
    case 'Exponential':
      return pointwise(exponentialImage, 'exponential');
    case 'Wavelet': {
      const bands = stationaryWavelet3D(volume.data, volume.size, waveletBank(settings.wavelet), {
        axes: waveletAxes(settings),
        startLevel: settings.start_level,
        levels: settings.level,
        outputBox: box,
      });
      return bands.map((b) => ({
        imageTypeName: `wavelet${b.level === 1 ? '' : String(b.level)}-${b.band}`,
        data: b.data,
      }));
    }
    case 'Gradient':
      return [
        {
          imageTypeName: 'gradient',
          data: filterOnPaddedBox(volume, box, [1, 1, 1], (d, size) =>
            gradientMagnitude(d, size, volume.spacingMm, settings.gradientUseSpacing, { float32 }),
          ),
        },
      ];
    case 'LoG': {
      const out: DerivedImageData[] = [];
      for (const sigma of settings.sigma) {
        if (!isLogApplicable(volume.size, volume.spacingMm, sigma)) continue;
        const reach = perAxis((a) => logReachVoxels(sigma, volume.spacingMm[a]));
        const data = filterOnPaddedBox(volume, box, reach, (d, size) =>
          laplacianOfGaussian(d, size, volume.spacingMm, sigma, { float32 }),
        );
        out.push({ imageTypeName: logImageName(sigma), data });
      }
      return out;
    }
  }
}

function perAxis(fn: (axis: number) => number): IndexXYZ {
  return [fn(0), fn(1), fn(2)];
}

function fullBox(size: IndexXYZ): IndexBox {
  return { lo: [0, 0, 0], hi: [size[0] - 1, size[1] - 1, size[2] - 1] };
}

function isFull(box: IndexBox, size: IndexXYZ): boolean {
  return box.lo.every((v) => v === 0) && box.hi.every((v, a) => v === size[a] - 1);
}

/** The values of `box` (inclusive) as a box-sized array (the input itself when the box is the whole image). */
function cropData(data: VoxelArray, size: IndexXYZ, box: IndexBox): VoxelArray {
  if (isFull(box, size)) return data;
  const [nx, ny] = size;
  const cx = box.hi[0] - box.lo[0] + 1;
  const out = new Float64Array(cx * (box.hi[1] - box.lo[1] + 1) * (box.hi[2] - box.lo[2] + 1));
  let o = 0;
  for (let z = box.lo[2]; z <= box.hi[2]; z++) {
    for (let y = box.lo[1]; y <= box.hi[1]; y++) {
      const start = box.lo[0] + nx * (y + ny * z);
      out.set(data.subarray(start, start + cx), o);
      o += cx;
    }
  }
  return out;
}

/** Filters `box` grown by `reach` (clamped to the image) and returns the box's part of the result. */
function filterOnPaddedBox(
  volume: FilterInput,
  box: IndexBox,
  reach: IndexXYZ,
  filter: (data: VoxelArray, size: IndexXYZ) => Float64Array,
): Float64Array {
  const s = volume.size;
  const padded: IndexBox = {
    lo: perAxis((a) => Math.max(0, box.lo[a] - reach[a])),
    hi: perAxis((a) => Math.min(s[a] - 1, box.hi[a] + reach[a])),
  };
  const pSize = perAxis((a) => padded.hi[a] - padded.lo[a] + 1);
  const filtered = filter(cropData(volume.data, s, padded), pSize);
  const inner: IndexBox = {
    lo: perAxis((a) => box.lo[a] - padded.lo[a]),
    hi: perAxis((a) => box.hi[a] - padded.lo[a]),
  };
  const r = cropData(filtered, pSize, inner);
  return r instanceof Float64Array ? r : Float64Array.from(r);
}
