import type { Vec3 } from '../../volume/types.ts';

/** Maximum pairwise distances between mesh vertices, mm (PyRadiomics `calculate_meshDiameter`). */
export interface MeshDiameters {
  /** Vertices sharing a z coordinate (PyRadiomics Maximum2DDiameterSlice). */
  readonly slice: number;
  /** Vertices sharing a y coordinate (Maximum2DDiameterColumn). */
  readonly column: number;
  /** Vertices sharing an x coordinate (Maximum2DDiameterRow). */
  readonly row: number;
  /** All vertices (Maximum3DDiameter, IBSI L0JK). */
  readonly full: number;
}

const B16 = 65536;
const B32 = B16 * B16;

/**
 * For points packed as key * 2^32 + u * 2^16 + v (exact integers < 2^16 each) and sorted, walks each plane (equal
 * key): keeps its strict convex-hull vertices (Andrew's monotone chain; the plane is already sorted by u, then v),
 * appends them to `hullOut` as `toXyz(key, u, v)` codes, and returns the largest squared distance within a plane
 * between hull vertices with axis scales su, sv.
 */
function planeHulls(
  packed: Float64Array,
  su: number,
  sv: number,
  toXyz: (key: number, u: number, v: number) => number,
  hullOut: number[],
): number {
  const n = packed.length;
  const u = new Int32Array(n);
  const v = new Int32Array(n);
  const key = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = packed[i];
    key[i] = Math.floor(p / B32);
    const rest = p - key[i] * B32;
    u[i] = Math.floor(rest / B16);
    v[i] = rest - u[i] * B16;
  }
  const stack = new Int32Array(2 * n + 2);
  const turn = (o: number, a: number, b: number): number =>
    (u[a] - u[o]) * (v[b] - v[o]) - (v[a] - v[o]) * (u[b] - u[o]);
  let best = 0;
  for (let s = 0; s < n;) {
    let e = s + 1;
    while (e < n && key[e] === key[s]) e++;
    let k = 0;
    for (let i = s; i < e; i++) {
      while (k >= 2 && turn(stack[k - 2], stack[k - 1], i) <= 0) k--;
      stack[k++] = i;
    }
    for (let i = e - 2, lower = k + 1; i >= s; i--) {
      while (k >= lower && turn(stack[k - 2], stack[k - 1], i) <= 0) k--;
      stack[k++] = i;
    }
    const count = e - s === 1 ? 1 : k - 1;
    for (let i = 0; i < count; i++) {
      const a = stack[i];
      hullOut.push(toXyz(key[a], u[a], v[a]));
      for (let j = i + 1; j < count; j++) {
        const b = stack[j];
        const du = (u[a] - u[b]) * su;
        const dv = (v[a] - v[b]) * sv;
        const d = du * du + dv * dv;
        if (d > best) best = d;
      }
    }
    s = e;
  }
  return best;
}

/**
 * Exact maximum diameters of a vertex set given in doubled voxel-index coordinates (x, y, z interleaved) with
 * voxel spacing `spacingMm`. Instead of PyRadiomics' all-pairs O(V^2) search, each axis-aligned plane keeps only its
 * 2D convex-hull vertices (the farthest pair of a planar set lies on its hull), and the 3D diameter is searched
 * among the vertices that are hull vertices in all three of their planes (every extreme point of the 3D set is).
 */
export function meshDiameters(vertices: Int32Array, spacingMm: Vec3): MeshDiameters {
  const n = vertices.length / 3;
  if (n === 0) return { slice: 0, column: 0, row: 0, full: 0 };
  const byZ = new Float64Array(n);
  const byY = new Float64Array(n);
  const byX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = vertices[3 * i];
    const y = vertices[3 * i + 1];
    const z = vertices[3 * i + 2];
    byZ[i] = z * B32 + x * B16 + y;
    byY[i] = y * B32 + x * B16 + z;
    byX[i] = x * B32 + y * B16 + z;
  }
  const hx = 0.5 * spacingMm[0];
  const hy = 0.5 * spacingMm[1];
  const hz = 0.5 * spacingMm[2];
  const hulls: number[][] = [[], [], []];
  const slice = planeHulls(byZ.sort(), hx, hy, (z, x, y) => x * B32 + y * B16 + z, hulls[0]);
  const column = planeHulls(byY.sort(), hx, hz, (y, x, z) => x * B32 + y * B16 + z, hulls[1]);
  const row = planeHulls(byX.sort(), hy, hz, (x, y, z) => x * B32 + y * B16 + z, hulls[2]);
  // candidates: vertices that are hull vertices in their z, y and x planes (sorted-list intersection)
  const [h0, h1, h2] = hulls.map((h) => Float64Array.from(h).sort());
  const candidates: number[] = [];
  for (let i = 0, j = 0, k = 0; i < h0.length && j < h1.length && k < h2.length;) {
    const m = Math.max(h0[i], h1[j], h2[k]);
    if (h0[i] === m && h1[j] === m && h2[k] === m) {
      candidates.push(Math.floor(m / B32), Math.floor((m % B32) / B16), m % B16);
      i++;
      j++;
      k++;
    } else {
      if (h0[i] < m) i++;
      if (h1[j] < m) j++;
      if (h2[k] < m) k++;
    }
  }
  let full = Math.max(slice, column, row);
  for (let a = 0; a < candidates.length; a += 3) {
    for (let b = a + 3; b < candidates.length; b += 3) {
      const dx = (candidates[a] - candidates[b]) * hx;
      const dy = (candidates[a + 1] - candidates[b + 1]) * hy;
      const dz = (candidates[a + 2] - candidates[b + 2]) * hz;
      const d = dx * dx + dy * dy + dz * dz;
      if (d > full) full = d;
    }
  }
  return { slice: Math.sqrt(slice), column: Math.sqrt(column), row: Math.sqrt(row), full: Math.sqrt(full) };
}
