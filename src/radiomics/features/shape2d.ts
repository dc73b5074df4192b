import type { FeatureClass, FeatureDef, ShapeInput } from '../types.ts';
import { MaskError, SettingsError } from '../../errors.ts';
import { covarianceEigenvalues2 } from './principal-axes.ts';

/** What every 2D shape feature is derived from. */
export interface Shape2DState {
  /** Mesh (contour) surface, mm^2. */
  readonly surface: number;
  /** Contour length, mm. */
  readonly perimeter: number;
  readonly diameter: number;
  readonly pixelCount: number;
  readonly pixelArea: number;
  /** Covariance eigenvalues of the pixel-centre coordinates, ascending (minor, major). */
  readonly eigenvalues: readonly [number, number];
}

/** A 2D slice of the box mask: rows x cols (row-major) with the row and column spacings, mm. */
interface Plane {
  readonly data: Uint8Array;
  readonly rows: number;
  readonly cols: number;
  readonly rowMm: number;
  readonly colMm: number;
}

/**
 * The in-plane mask PyRadiomics' shape2D works on: `force2Ddimension` d is in numpy (z, y, x) order, so d = 0
 * drops z and keeps (y, x), d = 1 keeps (z, x), d = 2 keeps (z, y). The ROI must span one slice along d.
 */
function toPlane(input: ShapeInput): Plane {
  const s = input.settings;
  if (!s.force2D) {
    throw new SettingsError(
      'invalid-setting',
      'shape2D needs setting.force2D = true (and force2Ddimension set to the out-of-plane axis); disable shape2D or enable force2D',
    );
  }
  const dropped = 2 - s.force2Ddimension;
  const [nx, ny, nz] = input.size;
  if (input.size[dropped] !== 1) {
    throw new MaskError(
      'roi-dimensionality',
      `shape2D needs a single-slice ROI, but the ROI spans ${input.size[dropped]} slices along force2Ddimension ${s.force2Ddimension} (${'zyx'[s.force2Ddimension]}); draw the ROI on one slice or use the 3D shape class`,
    );
  }
  const [sx, sy, sz] = input.spacingMm;
  if (dropped === 2) return { data: input.mask, rows: ny, cols: nx, rowMm: sy, colMm: sx };
  const rows = nz;
  const cols = dropped === 1 ? nx : ny;
  const data = new Uint8Array(rows * cols);
  for (let z = 0; z < nz; z++) {
    for (let c = 0; c < cols; c++)
      data[c + cols * z] = dropped === 1 ? input.mask[c + nx * ny * z] : input.mask[nx * (c + ny * z)];
  }
  return { data, rows, cols, rowMm: sz, colMm: dropped === 1 ? sx : sy };
}

/**
 * Marching squares over the plane padded by one pixel, as PyRadiomics' `calculate_coefficients2D`: square corners
 * p0 (r, c), p1 (r, c+1), p2 (r+1, c+1), p3 (r+1, c); contour vertices at edge midpoints; a saddle square keeps its
 * two inside corners apart; each segment is oriented with the inside on the same side, so the shoelace sum
 * (a_r b_c - b_r a_c) / 2 over segments is the enclosed area and the sum of segment lengths the perimeter.
 * Vertices (every cut edge once) give the maximum diameter.
 */
function marchingSquares(p: Plane): { surface: number; perimeter: number; diameter: number } {
  const pr = p.rows + 2;
  const pc = p.cols + 2;
  const at = (r: number, c: number): number =>
    r >= 1 && r <= p.rows && c >= 1 && c <= p.cols && p.data[c - 1 + p.cols * (r - 1)] !== 0 ? 1 : 0;
  // edge midpoints (row, col) of edges v0 (p0-p1), v1 (p1-p2), v2 (p2-p3), v3 (p3-p0)
  const mid = [
    [0, 0.5],
    [0.5, 1],
    [1, 0.5],
    [0.5, 0],
  ];
  let twiceArea = 0;
  let perimeter = 0;
  const vr: number[] = [];
  const vc: number[] = [];
  const segment = (r: number, c: number, from: number, to: number): void => {
    const ar = (r + mid[from][0]) * p.rowMm;
    const ac = (c + mid[from][1]) * p.colMm;
    const br = (r + mid[to][0]) * p.rowMm;
    const bc = (c + mid[to][1]) * p.colMm;
    twiceArea += ar * bc - br * ac;
    perimeter += Math.hypot(ar - br, ac - bc);
  };
  for (let r = 0; r < pr - 1; r++) {
    for (let c = 0; c < pc - 1; c++) {
      const k0 = at(r, c);
      const k1 = at(r, c + 1);
      const k2 = at(r + 1, c + 1);
      const k3 = at(r + 1, c);
      const idx = k0 | (k1 << 1) | (k2 << 2) | (k3 << 3);
      if (idx !== 0 && idx !== 15) {
        // corner k is inside: its two edges are (k + 3) % 4 (entering) and k (leaving), inside on the left
        const inside = [k0, k1, k2, k3];
        if (idx === 5 || idx === 10) {
          for (let k = 0; k < 4; k++) if (inside[k]) segment(r, c, (k + 3) % 4, k);
        } else {
          // the run of inside corners starts after an outside corner; the contour enters before it, leaves after
          let first = 0;
          while (!(inside[first] && !inside[(first + 3) % 4])) first++;
          let last = first;
          while (inside[(last + 1) % 4]) last = (last + 1) % 4;
          segment(r, c, (first + 3) % 4, last);
        }
      }
      // vertices on this square's left edge (p0-p3) and bottom edge (p3-p2), recorded once each
      if (k0 !== k3) {
        vr.push(r + 0.5);
        vc.push(c);
      }
      if (k3 !== k2) {
        vr.push(r + 1);
        vc.push(c + 0.5);
      }
    }
  }
  let best = 0;
  for (let i = 0; i < vr.length; i++) {
    for (let j = i + 1; j < vr.length; j++) {
      const dr = (vr[i] - vr[j]) * p.rowMm;
      const dc = (vc[i] - vc[j]) * p.colMm;
      const d = dr * dr + dc * dc;
      if (d > best) best = d;
    }
  }
  return { surface: Math.abs(twiceArea) / 2, perimeter, diameter: Math.sqrt(best) };
}

function prepare(input: ShapeInput): Shape2DState {
  const plane = toPlane(input);
  const { surface, perimeter, diameter } = marchingSquares(plane);
  return {
    surface,
    perimeter,
    diameter,
    pixelCount: input.voxelCount,
    pixelArea: plane.rowMm * plane.colMm,
    eigenvalues: covarianceEigenvalues2(plane.data, plane.rows, plane.cols, plane.rowMm, plane.colMm),
  };
}

const PR = 'PyRadiomics shape2D (radiomics/shape2D.py)';
const axisLength = (lambda: number): number => (lambda < 0 ? Number.NaN : 4 * Math.sqrt(lambda));
const sphericity = (s: Shape2DState): number => (2 * Math.sqrt(Math.PI * s.surface)) / s.perimeter;

const features: Record<string, FeatureDef<Shape2DState>> = {
  MeshSurface: {
    compute: (s) => s.surface,
    doc: 'Area enclosed by the marching-squares contour: sum of signed triangle areas (origin, a, b) = (a x b) / 2.',
    reference: `${PR} getMeshSurfaceFeatureValue (2D analogue of IBSI RNU0)`,
  },
  PixelSurface: {
    compute: (s) => s.pixelCount * s.pixelArea,
    doc: 'Number of ROI pixels times the area of one pixel.',
    reference: `${PR} getPixelSurfaceFeatureValue (2D analogue of IBSI YEKZ)`,
  },
  Perimeter: {
    compute: (s) => s.perimeter,
    doc: 'Length of the marching-squares contour: sum of segment lengths.',
    reference: `${PR} getPerimeterFeatureValue`,
  },
  PerimeterSurfaceRatio: {
    compute: (s) => s.perimeter / s.surface,
    doc: 'Perimeter divided by mesh surface, P / A (mm^-1).',
    reference: `${PR} getPerimeterSurfaceRatioFeatureValue`,
  },
  Sphericity: {
    compute: sphericity,
    doc: 'Roundness relative to a circle: 2 sqrt(pi A) / P, 1 for a circle.',
    reference: `${PR} getSphericityFeatureValue`,
  },
  SphericalDisproportion: {
    compute: (s) => 1 / sphericity(s),
    doc: 'P / (2 sqrt(pi A)), the inverse of Sphericity; deprecated in PyRadiomics.',
    reference: `${PR} getSphericalDisproportionFeatureValue`,
  },
  MaximumDiameter: {
    compute: (s) => s.diameter,
    doc: 'Largest Euclidean distance between two contour vertices.',
    reference: `${PR} getMaximumDiameterFeatureValue`,
  },
  MajorAxisLength: {
    compute: (s) => axisLength(s.eigenvalues[1]),
    doc: '4 sqrt(lambda_major), the largest eigenvalue of the covariance of the pixel-centre coordinates (mm).',
    reference: `${PR} getMajorAxisLengthFeatureValue (2D analogue of IBSI TDIC)`,
  },
  MinorAxisLength: {
    compute: (s) => axisLength(s.eigenvalues[0]),
    doc: '4 sqrt(lambda_minor), the smallest eigenvalue of the covariance of the pixel-centre coordinates (mm).',
    reference: `${PR} getMinorAxisLengthFeatureValue (2D analogue of IBSI P9VJ)`,
  },
  Elongation: {
    compute: (s) =>
      s.eigenvalues[0] < 0 || s.eigenvalues[1] < 0
        ? Number.NaN
        : Math.sqrt(s.eigenvalues[0] / s.eigenvalues[1]),
    doc: 'sqrt(lambda_minor / lambda_major): 1 for a circle-like ROI, towards 0 for a line.',
    reference: `${PR} getElongationFeatureValue (2D analogue of IBSI Q3CK)`,
  },
};

const deprecated = ['SphericalDisproportion'];

/**
 * PyRadiomics' shape2D class: contour features of a single-slice ROI (force2D with force2Ddimension). 10 features,
 * 9 enabled by default. Throws MaskError('roi-dimensionality') when the ROI spans more than one slice.
 */
export const shape2D: FeatureClass<ShapeInput, Shape2DState> = {
  name: 'shape2D',
  prepare,
  features,
  defaultFeatures: Object.keys(features).filter((f) => !deprecated.includes(f)),
  deprecated,
};
