import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fetchSeriesVolume } from '../../../src/dicom/fetch-series.ts';
import type { DicomWebSource } from '../../../src/dicom/dicomweb-source.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { DicomError } from '../../../src/errors.ts';
import { assertSameVolume, integerHuVolume, shuffled, testGrid } from '../../support/ct-fixtures.ts';

/** An in-memory source holding one series. */
function memorySource(files: readonly Uint8Array[]): DicomWebSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    searchSeries: async () => [],
    searchInstances: async () => {
      calls.push('searchInstances');
      return files.map((_, i) => ({ '00080018': { vr: 'UI', Value: [`1.${i}`] } }));
    },
    retrieveSeries: async () => {
      calls.push('retrieveSeries');
      return [...files];
    },
    retrieveInstance: async (_ref, uid) => {
      calls.push(`retrieveInstance ${uid}`);
      return files[Number(uid.split('.')[1])];
    },
  };
}

const ref = { studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3' };

/** The same source with a streamed retrieval whose QIDO-RS answer announces `announced` instances of a size. */
function streamingSource(
  files: readonly Uint8Array[],
  announced: number,
  rowsColumns: readonly [number, number] | undefined,
): DicomWebSource & { calls: string[] } {
  const base = memorySource(files);
  const size =
    rowsColumns === undefined
      ? {}
      : {
          '00280010': { vr: 'US', Value: [rowsColumns[0]] },
          '00280011': { vr: 'US', Value: [rowsColumns[1]] },
        };
  return {
    ...base,
    searchInstances: async () => {
      base.calls.push('searchInstances');
      return Array.from({ length: announced }, (_, i) => ({
        '00080018': { vr: 'UI', Value: [`1.${i}`] },
        ...size,
      }));
    },
    streamSeries: async (_ref, onInstance) => {
      base.calls.push('streamSeries');
      for (let i = 0; i < files.length; i++) {
        // A reused buffer, as the HTTP source hands out views valid only until the callback settles.
        const view = new Uint8Array(files[i].byteLength + 1).subarray(1);
        view.set(files[i]);
        await onInstance(view, i);
        view.fill(0);
      }
      return files.length;
    },
  };
}

describe('fetchSeriesVolume', () => {
  it('decodes a whole-series retrieval in any order into the volume', async () => {
    const v = integerHuVolume(testGrid([4, 3, 5]), 12);
    const src = memorySource(shuffled(await writeCtSeries(v, { seed: 'm' }), 4));
    assertSameVolume((await fetchSeriesVolume(src, ref)).volume, v, 1e-9);
    assert.deepEqual(src.calls, ['retrieveSeries']);
  });

  it('retrieves instance by instance after a QIDO-RS listing when asked', async () => {
    const v = integerHuVolume(testGrid([2, 2, 3]), 13);
    const src = memorySource(await writeCtSeries(v, { seed: 'n' }));
    assertSameVolume((await fetchSeriesVolume(src, ref, { retrieve: 'instances' })).volume, v, 1e-9);
    assert.deepEqual(src.calls, [
      'searchInstances',
      'retrieveInstance 1.0',
      'retrieveInstance 1.1',
      'retrieveInstance 1.2',
    ]);
  });

  it('decodes a streamed series into the volume whatever the announced count and size', async () => {
    const v = integerHuVolume(testGrid([6, 4, 5]), 14);
    const files = shuffled(await writeCtSeries(v, { seed: 's' }), 6);
    for (const [announced, size] of [
      [5, [4, 6]],
      [5, undefined],
      [3, [4, 6]],
      [8, [4, 6]],
      [5, [5, 6]],
      [0, undefined],
    ] as const) {
      const src = streamingSource(files, announced, size);
      const got = await fetchSeriesVolume(src, ref);
      assertSameVolume(got.volume, v, 1e-9, `announced ${announced} ${String(size)}`);
      assert.equal(got.volume.data.length, 6 * 4 * 5);
      assert.deepEqual(src.calls.sort(), ['searchInstances', 'streamSeries']);
    }
  });

  it('sizes the volume from the series-level instance count without listing the instances', async () => {
    const v = integerHuVolume(testGrid([6, 4, 5]), 15);
    const files = shuffled(await writeCtSeries(v, { seed: 'c' }), 7);
    for (const count of [5, 3, 9]) {
      const base = streamingSource(files, 0, undefined);
      const queries: Readonly<Record<string, string>>[] = [];
      const src: DicomWebSource & { calls: string[] } = {
        ...base,
        searchSeries: async (study, query = {}) => {
          base.calls.push('searchSeries');
          queries.push({ study, ...query });
          return [
            {
              '0020000E': { vr: 'UI', Value: [ref.seriesInstanceUid] },
              '00201209': { vr: 'IS', Value: [count] },
            },
          ];
        },
      };
      const got = await fetchSeriesVolume(src, ref);
      assertSameVolume(got.volume, v, 1e-9, `announced ${count}`);
      assert.deepEqual(src.calls.sort(), ['searchSeries', 'streamSeries']);
      assert.deepEqual(queries, [
        { study: ref.studyInstanceUid, SeriesInstanceUID: ref.seriesInstanceUid, includefield: '00201209' },
      ]);
    }
  });

  it('throws empty-series when the server returns no instance', async () => {
    await assert.rejects(
      fetchSeriesVolume(memorySource([]), ref),
      (e: unknown) => e instanceof DicomError && e.code === 'empty-series',
    );
  });
});
