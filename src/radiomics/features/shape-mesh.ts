import type { IndexXYZ, Vec3 } from '../../volume/types.ts';
import { PIVOT_CORNER, buildTriangleTable, edgeMidpointXyz } from './marching-cubes.ts';

/** The triangle mesh of a binary mask, reduced to what the shape features need. */
export interface ShapeMesh {
  /** Sum of the triangle areas, mm^2. */
  readonly surfaceAreaMm2: number;
  /** Sum of the signed tetrahedron volumes (origin, triangle), mm^3. */
  readonly meshVolumeMm3: number;
  /** Mesh vertices (edge midpoints), doubled voxel-index coordinates x, y, z interleaved (exact integers). */
  readonly vertices: Int32Array;
  readonly vertexCount: number;
}

const TABLE = buildTriangleTable();

/** Edge midpoints in PyRadiomics' (z, y, x) order, cube units, indexed by edge id. */
const EDGE_ZYX = new Float64Array(36);
for (let e = 0; e < 12; e++) {
  const [x, y, z] = edgeMidpointXyz(e);
  EDGE_ZYX[3 * e] = z;
  EDGE_ZYX[3 * e + 1] = y;
  EDGE_ZYX[3 * e + 2] = x;
}

/** The pivot corner's three edges and the corner at their other end, with the edge midpoint doubled (x, y, z). */
const PIVOT_EDGES = [0, 1, 2].map((axis) => {
  const other = PIVOT_CORNER ^ (1 << axis);
  const e = 4 * axis + edgeIndexWithin(axis, PIVOT_CORNER & other);
  const [x, y, z] = edgeMidpointXyz(e);
  return { other, dx: 2 * x, dy: 2 * y, dz: 2 * z };
});

function edgeIndexWithin(axis: number, lowCorner: number): number {
  const others = [0, 1, 2].filter((a) => a !== axis);
  return ((lowCorner >> others[0]) & 1) | (((lowCorner >> others[1]) & 1) << 1);
}

/**
 * Marching cubes over the box mask padded by one voxel of background, exactly as PyRadiomics' C extension
 * (radiomics/src/cshape.c, `calculate_coefficients`): one cube per 2x2x2 neighbourhood, vertices at edge
 * midpoints, coordinates (padded index + offset) x spacing in (z, y, x) order, area = sum |ab x ac| / 2, volume =
 * sum (a x b) . c / 6 (configurations with the pivot corner inside use the complement, reversed). Each mesh
 * vertex is recorded once, from the cube whose pivot corner it touches. IBSI: RNU0 (volume), C0JK (area).
 */
export function marchingCubes(mask: Uint8Array, size: IndexXYZ, spacingMm: Vec3): ShapeMesh {
  const [nx, ny, nz] = size;
  const px = nx + 2;
  const py = ny + 2;
  const pz = nz + 2;
  const padded = new Uint8Array(px * py * pz);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++, i++) padded[row + x] = mask[i] !== 0 ? 1 : 0;
    }
  }
  const cornerOffset = new Int32Array(8);
  for (let k = 0; k < 8; k++) cornerOffset[k] = (k & 1) + px * (((k >> 1) & 1) + py * ((k >> 2) & 1));
  const [sx, sy, sz] = spacingMm;
  const { start, edges } = TABLE;
  const vertices: number[] = [];
  let area = 0;
  let volume = 0;
  for (let iz = 0; iz < pz - 1; iz++) {
    for (let iy = 0; iy < py - 1; iy++) {
      for (let ix = 0; ix < px - 1; ix++) {
        const base = ix + px * (iy + py * iz);
        let config = 0;
        for (let k = 0; k < 8; k++) config |= padded[base + cornerOffset[k]] << k;
        if (config === 0 || config === 255) continue;
        const pivotInside = (config >> PIVOT_CORNER) & 1;
        for (const pe of PIVOT_EDGES) {
          if (((config >> pe.other) & 1) !== pivotInside)
            vertices.push(2 * ix + pe.dx, 2 * iy + pe.dy, 2 * iz + pe.dz);
        }
        for (let t = start[config]; t < start[config + 1]; t += 3) {
          const ea = 3 * edges[t];
          const eb = 3 * edges[t + 1];
          const ec = 3 * edges[t + 2];
          const az = (iz + EDGE_ZYX[ea]) * sz;
          const ay = (iy + EDGE_ZYX[ea + 1]) * sy;
          const ax = (ix + EDGE_ZYX[ea + 2]) * sx;
          const bz = (iz + EDGE_ZYX[eb]) * sz;
          const by = (iy + EDGE_ZYX[eb + 1]) * sy;
          const bx = (ix + EDGE_ZYX[eb + 2]) * sx;
          const cz = (iz + EDGE_ZYX[ec]) * sz;
          const cy = (iy + EDGE_ZYX[ec + 1]) * sy;
          const cx = (ix + EDGE_ZYX[ec + 2]) * sx;
          volume += (ay * bx - by * ax) * cz + (ax * bz - bx * az) * cy + (az * by - bz * ay) * cx;
          const uz = az - cz;
          const uy = ay - cy;
          const ux = ax - cx;
          const vz = bz - cz;
          const vy = by - cy;
          const vx = bx - cx;
          const nz0 = uy * vx - vy * ux;
          const ny0 = ux * vz - vx * uz;
          const nx0 = uz * vy - vz * uy;
          area += 0.5 * Math.sqrt(nz0 * nz0 + ny0 * ny0 + nx0 * nx0);
        }
      }
    }
  }
  return {
    surfaceAreaMm2: area,
    meshVolumeMm3: volume / 6,
    vertices: Int32Array.from(vertices),
    vertexCount: vertices.length / 3,
  };
}
