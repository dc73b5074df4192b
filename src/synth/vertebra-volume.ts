import type { Mask, Volume } from '../volume/types.ts';
import { makeGrid } from '../volume/grid.ts';
import { createRng } from '../stats/random.ts';

/** Parameters of {@link makeVertebraVolume}; defaults give a 512x512x70 CT-like volume with a ~4,000-voxel ROI. */
export interface VertebraVolumeOptions {
  readonly size?: readonly [number, number, number];
  readonly spacingMm?: readonly [number, number, number];
  readonly seed?: number;
  /** Semi-axes of the vertebral body (mm), left-right and antero-posterior. */
  readonly bodyRadiiMm?: readonly [number, number];
  /** Cortical shell thickness (mm). */
  readonly cortexMm?: number;
  /** Number of slices of the ROI (centred in z). */
  readonly roiSlices?: number;
}

/**
 * A CT-like volume with one vertebral body (elliptic cylinder: cortical shell ~700 HU around textured cancellous
 * marrow ~180 HU) in soft tissue (~40 HU) over air (-1000 HU) outside a body ellipse, with Gaussian noise; and a
 * label-1 mask of the marrow (inside the shell) over `roiSlices` central slices. Values are rounded to integer HU
 * and stored as float32, as CT is. Deterministic for a seed. Used by the CLI demo, the benchmarks and tests as a
 * "generated vertebra-like volume"; the full anatomical phantom belongs to the synthetic-cohort generator.
 */
export function makeVertebraVolume(options: VertebraVolumeOptions = {}): { image: Volume; mask: Mask } {
  const [nx, ny, nz] = options.size ?? [512, 512, 70];
  const spacing = options.spacingMm ?? [0.7, 0.7, 5];
  const [ra, rb] = options.bodyRadiiMm ?? [16, 13];
  const cortex = options.cortexMm ?? 1.5;
  const roiSlices = options.roiSlices ?? 5;
  const rng = createRng(options.seed ?? 1);
  const grid = makeGrid([nx, ny, nz], spacing, [-(nx / 2) * spacing[0], -(ny / 2) * spacing[1], 0]);
  const data = new Float32Array(nx * ny * nz);
  const mask = new Uint8Array(nx * ny * nz);
  const cx = nx / 2;
  const cy = ny * 0.62;
  const bodyA = nx * 0.42 * spacing[0];
  const bodyB = ny * 0.3 * spacing[1];
  // Marrow texture: a smooth random field from a few random cosines (trabecular-like pattern).
  const waves = Array.from({ length: 12 }, () => ({
    kx: (rng.next() - 0.5) * 1.2,
    ky: (rng.next() - 0.5) * 1.2,
    kz: (rng.next() - 0.5) * 0.3,
    phase: rng.next() * 2 * Math.PI,
    amp: 15 + 25 * rng.next(),
  }));
  const z0 = Math.floor((nz - roiSlices) / 2);
  for (let z = 0; z < nz; z++) {
    const zmm = z * spacing[2];
    for (let y = 0; y < ny; y++) {
      const ymm = (y - cy) * spacing[1];
      const ybody = (y - ny / 2) * spacing[1];
      for (let x = 0; x < nx; x++) {
        const xmm = (x - cx) * spacing[0];
        const i = x + nx * (y + ny * z);
        let v: number;
        if ((xmm / bodyA) ** 2 + (ybody / bodyB) ** 2 > 1) {
          v = -1000 + 5 * rng.normal();
        } else {
          const r = Math.sqrt((xmm / ra) ** 2 + (ymm / rb) ** 2);
          if (r <= 1) {
            const inner = Math.sqrt((xmm / (ra - cortex)) ** 2 + (ymm / (rb - cortex)) ** 2);
            if (inner > 1) v = 700 + 40 * rng.normal();
            else {
              let t = 0;
              for (const w of waves) t += w.amp * Math.cos(w.kx * xmm + w.ky * ymm + w.kz * zmm + w.phase);
              v = 180 + t + 25 * rng.normal();
              if (z >= z0 && z < z0 + roiSlices && inner <= 0.88) mask[i] = 1;
            }
          } else v = 40 + 12 * rng.normal();
        }
        data[i] = Math.round(v);
      }
    }
  }
  return { image: { grid, data }, mask: { grid, data: mask } };
}
