import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shape2D } from '../../../../src/radiomics/features/shape2d.ts';
import { buildShapeInput } from '../../../../src/radiomics/roi-input.ts';
import { DEFAULT_SETTINGS } from '../../../../src/radiomics/settings.ts';
import type { ShapeInput } from '../../../../src/radiomics/types.ts';
import { cropMask, requireBoundingBox } from '../../../../src/volume/crop.ts';
import { MaskError, SettingsError } from '../../../../src/errors.ts';
import {
  compareColumn,
  featureRows,
  newTally,
  readBaseline,
  shape2DLabel,
  usableColumns,
} from '../../../support/baseline.ts';
import { assertClose } from '../../../support/tolerance.ts';

/** DESIGN section 7: original-image features equal the PyRadiomics baselines to rel 1e-6 (abs 1e-9 near zero). */
const TOL = { rel: 1e-6, abs: 1e-9 };
const FORCE_2D = { ...DEFAULT_SETTINGS, force2D: true, correctMask: true };

/**
 * The shape2D baseline columns (`<case>_shape2D`) come from PyRadiomics' `<case>_label_2D.nrrd`, a single-slice label
 * resampled onto the image (correctMask). That file is not in the shared data; it is the case's 3D label restricted to
 * the slice in diagnostics_Mask-corrected_BoundingBox, which the voxel count and centre of mass in the diagnostics
 * confirm (checked below). Returns the cropped single-slice mask.
 */
function sliceLabel(b: ReturnType<typeof readBaseline>, column: string): ShapeInput {
  const single = shape2DLabel(b, column);
  const m = cropMask(single, requireBoundingBox(single, 1));
  return buildShapeInput(m.data, m.grid.size, m.grid.spacingMm, FORCE_2D);
}

function computeAll(input: ShapeInput): Map<string, number> {
  const state = shape2D.prepare(input);
  return new Map(Object.entries(shape2D.features).map(([n, f]) => [n, f.compute(state)]));
}

describe('shape2D', () => {
  const baseline = readBaseline('shape2D');
  const rows = featureRows(baseline, 'shape2D');
  const columns = usableColumns(baseline, ['_resampling', '_normalization', '_resegmentation']);

  it('equals every original_shape2D baseline value of brain1, brain2 and breast1 to rel 1e-6', (t) => {
    assert.deepEqual(columns, ['brain1_shape2D', 'brain2_shape2D', 'breast1_shape2D']);
    const tally = newTally();
    for (const column of columns) {
      const ours = computeAll(sliceLabel(baseline, column));
      compareColumn(rows, column, (f) => ours.get(f), TOL, tally);
    }
    t.diagnostic(`${tally.compared} values compared, worst relative error ${tally.worst.toExponential(2)}`);
    assert.equal(tally.compared, 27);
    assert.deepEqual(tally.failures, []);
  });

  it('has a baseline row for every default feature, 9 defaults and SphericalDisproportion deprecated', () => {
    assert.deepEqual(
      shape2D.defaultFeatures.filter((f) => !rows.has(f)),
      [],
    );
    assert.equal(shape2D.defaultFeatures.length, 9);
    assert.deepEqual(shape2D.deprecated, ['SphericalDisproportion']);
    for (const [name, f] of Object.entries(shape2D.features)) {
      assert.ok(f.doc.length > 20 && f.reference.includes('PyRadiomics'), `${name} lacks doc or reference`);
    }
  });

  it('throws MaskError roi-dimensionality when the ROI spans more than one slice in the force2D dimension', () => {
    const input = buildShapeInput(new Uint8Array(8).fill(1), [2, 2, 2], [1, 1, 1], FORCE_2D);
    assert.throws(
      () => shape2D.prepare(input),
      (e: unknown) => e instanceof MaskError && e.code === 'roi-dimensionality' && /2 slices/.test(e.message),
    );
  });

  it('throws SettingsError when force2D is off', () => {
    const input = buildShapeInput(new Uint8Array(4).fill(1), [2, 2, 1], [1, 1, 1], DEFAULT_SETTINGS);
    assert.throws(
      () => shape2D.prepare(input),
      (e: unknown) => e instanceof SettingsError && e.code === 'invalid-setting',
    );
  });

  it('measures a single pixel as a diamond and works in every force2Ddimension', () => {
    for (const [dim, size] of [
      [0, [1, 1, 1]],
      [1, [3, 1, 1]],
      [2, [1, 1, 3]],
    ] as const) {
      const mask = new Uint8Array(size[0] * size[1] * size[2]);
      mask[0] = 1;
      const input = buildShapeInput(mask, size, [2, 3, 5], { ...FORCE_2D, force2Ddimension: dim });
      const v = computeAll(input);
      // the contour joins the four edge midpoints around the pixel: a rhombus of half-diagonals sr/2, sc/2
      const [sr, sc] = dim === 0 ? [3, 2] : dim === 1 ? [5, 2] : [5, 3];
      assertClose(v.get('MeshSurface') ?? NaN, (sr * sc) / 2, TOL, `surface d${dim}`);
      assertClose(v.get('Perimeter') ?? NaN, 2 * Math.hypot(sr, sc), TOL, `perimeter d${dim}`);
      assertClose(v.get('MaximumDiameter') ?? NaN, Math.max(sr, sc), TOL, `diameter d${dim}`);
    }
  });
});
