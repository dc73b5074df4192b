import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reorderPlanes, SliceStack } from '../../../src/dicom/slice-stack.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { readCtSlice } from '../../../src/dicom/ct-slice.ts';
import { slicesToVolume } from '../../../src/dicom/series-volume.ts';
import { DicomError } from '../../../src/errors.ts';
import { assertSameVolume, integerHuVolume, shuffled, testGrid } from '../../support/ct-fixtures.ts';
import { enhancedCtFile } from '../../support/dicom-files.ts';

async function stacked(files: readonly Uint8Array[], expected: number, plane = 0): Promise<SliceStack> {
  let allocated = 0;
  const stack = new SliceStack(
    expected,
    { paddingHu: -1024 },
    (n) => {
      allocated++;
      return new Float32Array(n);
    },
    plane,
  );
  for (let i = 0; i < files.length; i++) await stack.add(files[i], `im${i}`);
  assert.ok(allocated <= 1);
  return stack;
}

describe('reorderPlanes', () => {
  it('puts plane order[k] at k in place when the permutation has several cycles', () => {
    const order = [3, 0, 1, 2, 5, 4, 6];
    const data = Float32Array.from({ length: 14 }, (_, i) => Math.floor(i / 2) * 10 + (i % 2));
    reorderPlanes(data, 2, order);
    assert.deepEqual(
      [...data],
      order.flatMap((p) => [p * 10, p * 10 + 1]),
    );
  });
});

describe('SliceStack', () => {
  it('gives the same volume as slicesToVolume when instances arrive shuffled', async () => {
    const v = integerHuVolume(testGrid([7, 5, 9]), 41);
    const files = shuffled(await writeCtSeries(v, { seed: 'stack' }), 3);
    const expected = slicesToVolume(await Promise.all(files.map((f, i) => readCtSlice(f, `im${i}`))));
    for (const plane of [0, 35]) {
      const got = (await stacked(files, files.length, plane)).finish();
      assertSameVolume(got.volume, v);
      assert.equal(got.volume.data.length, 7 * 5 * 9);
      assert.deepEqual(got.sopInstanceUids, expected.sopInstanceUids);
      assert.deepEqual(got.warnings, expected.warnings);
    }
  });

  it('gives the same volume when fewer or more instances arrive than announced', async () => {
    const v = integerHuVolume(testGrid([4, 3, 6]), 42);
    const files = shuffled(await writeCtSeries(v, { seed: 'stack-count' }), 5);
    for (const expected of [0, 2, 6, 9]) {
      const got = (await stacked(files, expected)).finish();
      assertSameVolume(got.volume, v, 1e-4, `announced ${expected}`);
      assert.equal(got.volume.data.length, 4 * 3 * 6);
    }
  });

  it('stacks the frames of an Enhanced CT instance like slicesToVolume', async () => {
    const v = integerHuVolume(testGrid([4, 3, 5]), 44);
    const stack = await stacked([enhancedCtFile(v, [2, 0, 4, 1, 3])], 1);
    assert.equal(stack.count, 5);
    assertSameVolume(stack.finish().volume, v);
  });

  it('carries the acquisition headers in z order, saying where the slices differ', async () => {
    const upper = { size: [4, 3, 2] as const, origin: [-20.5, 12.25, 109.25] as const };
    const series = {
      studyInstanceUid: '1.2.3',
      seriesInstanceUid: '1.2.3.5',
      frameOfReferenceUid: '1.2.3.6',
    };
    const a = await writeCtSeries(integerHuVolume(testGrid([4, 3, 3]), 45), {
      seed: 'acq-a',
      ...series,
      contrastBolusAgent: 'NONE',
      convolutionKernel: 'B30f',
      sliceThicknessMm: 2.5,
    });
    const b = await writeCtSeries(integerHuVolume(testGrid(upper.size, [0.8, 0.9, 2.5], upper.origin), 46), {
      seed: 'acq-b',
      ...series,
      convolutionKernel: 'B70f',
      sliceThicknessMm: 1,
    });
    const files = shuffled([...b, ...a], 6);
    const got = (await stacked(files, files.length, 12)).finish();
    const expected = slicesToVolume(await Promise.all(files.map((f, i) => readCtSlice(f, `im${i}`))));
    assert.deepEqual(got.acquisition, expected.acquisition);
    assert.equal(got.acquisition.sliceCount, 5);
    assert.deepEqual(got.acquisition.sliceThicknessMm, { min: 1, max: 2.5 });
    assert.deepEqual(got.acquisition.convolutionKernel, ['B30f', 'B70f']);
    assert.deepEqual(got.acquisition.contrastBolusAgent, ['NONE']);
  });

  it('throws mixed-geometry when a slice has another size', async () => {
    const a = await writeCtSeries(integerHuVolume(testGrid([4, 3, 2]), 43), {
      seed: 'mix',
      seriesInstanceUid: '1.2.3.4',
    });
    const b = await writeCtSeries(
      integerHuVolume(testGrid([5, 3, 2], [0.8, 0.9, 2.5], [-20.5, 12.25, 106.75]), 44),
      {
        seed: 'mix2',
        seriesInstanceUid: '1.2.3.4',
      },
    );
    const stack = await stacked([...a, ...b], 4);
    assert.throws(
      () => stack.finish(),
      (e: unknown) => e instanceof DicomError && e.code === 'mixed-geometry',
    );
  });
});
