/**
 * Principal-component eigenvalues of an ROI's voxel-centre coordinates, as PyRadiomics' shape and shape2D classes
 * compute them (`numpy.linalg.eigvals` of the covariance of the physical coordinates, divided by Np, not Np - 1),
 * with its correction: eigenvalues in (-1e-10, 0) are machine error and set to 0.
 */

/** Eigenvalues below zero but above this are rounded to 0 (PyRadiomics shape.py). */
const MACHINE_ERROR = -1e-10;

function clampMachineError(x: number): number {
  return x < 0 && x > MACHINE_ERROR ? 0 : x;
}

/**
 * Eigenvalues, ascending, of the symmetric 3 x 3 matrix [[a, d, e], [d, b, f], [e, f, c]] by cyclic Jacobi
 * rotations (Golub & Van Loan, Matrix Computations, 4th ed., algorithm 8.5.3), accurate to machine precision.
 */
function symmetricEigenvalues3(
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
): [number, number, number] {
  const m = [
    [a, d, e],
    [d, b, f],
    [e, f, c],
  ];
  for (let sweep = 0; sweep < 60; sweep++) {
    const off = m[0][1] * m[0][1] + m[0][2] * m[0][2] + m[1][2] * m[1][2];
    const diag = m[0][0] * m[0][0] + m[1][1] * m[1][1] + m[2][2] * m[2][2];
    if (off === 0 || off <= 1e-36 * diag) break;
    for (let p = 0; p < 2; p++) {
      for (let q = p + 1; q < 3; q++) {
        const apq = m[p][q];
        if (apq === 0) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < 3; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = cs * mkp - sn * mkq;
          m[k][q] = sn * mkp + cs * mkq;
        }
        for (let k = 0; k < 3; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = cs * mpk - sn * mqk;
          m[q][k] = sn * mpk + cs * mqk;
        }
      }
    }
  }
  const ev = [m[0][0], m[1][1], m[2][2]].map(clampMachineError).sort((x, y) => x - y);
  return [ev[0], ev[1], ev[2]];
}

/** Eigenvalues, ascending, of the symmetric 2 x 2 matrix [[a, c], [c, b]] (closed form, stable small root). */
function symmetricEigenvalues2(a: number, b: number, c: number): [number, number] {
  const mean = 0.5 * (a + b);
  const r = Math.hypot(0.5 * (a - b), c);
  const big = mean >= 0 ? mean + r : mean - r;
  const det = a * b - c * c;
  const small = big !== 0 ? det / big : 0;
  const ev = [big, small].map(clampMachineError).sort((x, y) => x - y);
  return [ev[0], ev[1]];
}

/**
 * Eigenvalues, ascending, of the covariance of the ROI voxel centres in millimetres:
 * C = (1/Np) sum (p - mean)(p - mean)^T with p = (x sx, y sy, z sz). `mask` is x-fastest with `size` [nx, ny, nz].
 * Source: PyRadiomics shape.py (`_initSegmentBasedCalculation`), IBSI 3.1.12-3.1.14 (PCA of the ROI voxels).
 */
export function covarianceEigenvalues3(
  mask: Uint8Array,
  size: readonly [number, number, number],
  spacingMm: readonly [number, number, number],
): [number, number, number] {
  const [nx, ny, nz] = size;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        n++;
        sx += x;
        sy += y;
        sz += z;
      }
    }
  }
  const mx = sx / n;
  const my = sy / n;
  const mz = sz / n;
  let xx = 0;
  let yy = 0;
  let zz = 0;
  let xy = 0;
  let xz = 0;
  let yz = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    const dz = z - mz;
    for (let y = 0; y < ny; y++) {
      const dy = y - my;
      for (let x = 0; x < nx; x++, i++) {
        if (mask[i] === 0) continue;
        const dx = x - mx;
        xx += dx * dx;
        yy += dy * dy;
        zz += dz * dz;
        xy += dx * dy;
        xz += dx * dz;
        yz += dy * dz;
      }
    }
  }
  const [px, py, pz] = spacingMm;
  return symmetricEigenvalues3(
    (xx * px * px) / n,
    (yy * py * py) / n,
    (zz * pz * pz) / n,
    (xy * px * py) / n,
    (xz * px * pz) / n,
    (yz * py * pz) / n,
  );
}

/**
 * Eigenvalues, ascending, of the covariance of 2D pixel centres in millimetres, for a `rows` x `cols` mask
 * (row-major: i = col + cols * row) with spacings `rowMm`, `colMm`. Source: PyRadiomics shape2D.py.
 */
export function covarianceEigenvalues2(
  mask: Uint8Array,
  rows: number,
  cols: number,
  rowMm: number,
  colMm: number,
): [number, number] {
  let n = 0;
  let sr = 0;
  let sc = 0;
  for (let r = 0, i = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++, i++) {
      if (mask[i] === 0) continue;
      n++;
      sr += r;
      sc += c;
    }
  }
  const mr = sr / n;
  const mc = sc / n;
  let rr = 0;
  let cc = 0;
  let rc = 0;
  for (let r = 0, i = 0; r < rows; r++) {
    const dr = r - mr;
    for (let c = 0; c < cols; c++, i++) {
      if (mask[i] === 0) continue;
      const dc = c - mc;
      rr += dr * dr;
      cc += dc * dc;
      rc += dr * dc;
    }
  }
  return symmetricEigenvalues2((rr * rowMm * rowMm) / n, (cc * colMm * colMm) / n, (rc * rowMm * colMm) / n);
}
