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

  it('throws empty-series when the server returns no instance', async () => {
    await assert.rejects(
      fetchSeriesVolume(memorySource([]), ref),
      (e: unknown) => e instanceof DicomError && e.code === 'empty-series',
    );
  });
});
