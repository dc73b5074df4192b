import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SeriesCache } from '../../../src/dicom/series-cache.ts';
import type { SeriesVolume } from '../../../src/dicom/series-volume.ts';
import { summariseAcquisition } from '../../../src/dicom/acquisition.ts';
import { DicomWebError } from '../../../src/errors.ts';
import { testGrid } from '../../support/ct-fixtures.ts';

/** A series of `voxels` float32 voxels (4 bytes each) named `uid`. */
function series(uid: string, voxels: number): SeriesVolume {
  return {
    volume: { grid: testGrid([voxels, 1, 1]), data: new Float32Array(voxels) },
    studyInstanceUid: '1.2',
    seriesInstanceUid: uid,
    sopInstanceUids: [],
    warnings: [],
    acquisition: summariseAcquisition([]),
  };
}

/** A load function that counts its calls and resolves when `release` is called. */
function deferredLoad(value: SeriesVolume): {
  load: () => Promise<SeriesVolume>;
  calls: () => number;
  release: () => void;
  fail: (e: unknown) => void;
} {
  let n = 0;
  let resolve: (v: SeriesVolume) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const p = new Promise<SeriesVolume>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return {
    load: () => {
      n++;
      return p;
    },
    calls: () => n,
    release: () => resolve(value),
    fail: (e) => reject(e),
  };
}

describe('SeriesCache', () => {
  it('returns the cached series without loading again when asked twice', async () => {
    const cache = new SeriesCache({ maxBytes: 1000 });
    let loads = 0;
    const load = async (): Promise<SeriesVolume> => {
      loads++;
      return series('1.1', 10);
    };
    const a = await cache.get('1.1', load);
    const b = await cache.get('1.1', load);
    assert.equal(a, b);
    assert.equal(loads, 1);
    assert.deepEqual(cache.stats(), { hits: 1, misses: 1, joined: 0, evictions: 0, entries: 1, bytes: 40 });
  });

  it('shares one retrieval between concurrent requests for the same series', async () => {
    const cache = new SeriesCache({ maxBytes: 1000 });
    const d = deferredLoad(series('1.1', 10));
    const all = [cache.get('1.1', d.load), cache.get('1.1', d.load), cache.get('1.1', d.load)];
    d.release();
    const got = await Promise.all(all);
    assert.equal(d.calls(), 1);
    assert.ok(got.every((g) => g === got[0]));
    assert.equal(cache.stats().joined, 2);
  });

  it('passes a failure to every waiting caller and caches nothing when the retrieval fails', async () => {
    const cache = new SeriesCache({ maxBytes: 1000 });
    const d = deferredLoad(series('1.1', 10));
    const err = new DicomWebError('network', 'the series retrieval failed');
    const all = [cache.get('1.1', d.load), cache.get('1.1', d.load)];
    d.fail(err);
    for (const p of all) await assert.rejects(p, (e) => e === err);
    assert.equal(cache.stats().entries, 0);
    const retry = await cache.get('1.1', async () => series('1.1', 5));
    assert.equal(retry.volume.data.length, 5);
  });

  it('evicts the least recently used series when the byte bound is exceeded', async () => {
    const cache = new SeriesCache({ maxBytes: 100 });
    await cache.get('a', async () => series('a', 10));
    await cache.get('b', async () => series('b', 10));
    await cache.get('a', async () => series('a', 10)); // a is now the most recent
    await cache.get('c', async () => series('c', 10)); // 120 bytes > 100: b goes
    assert.equal(cache.peek('b'), undefined);
    assert.ok(cache.peek('a') !== undefined && cache.peek('c') !== undefined);
    assert.deepEqual(
      { evictions: cache.stats().evictions, bytes: cache.stats().bytes },
      { evictions: 1, bytes: 80 },
    );
  });

  it('returns but does not keep a series larger than the whole cache', async () => {
    const cache = new SeriesCache({ maxBytes: 100 });
    await cache.get('small', async () => series('small', 5));
    const big = await cache.get('big', async () => series('big', 50));
    assert.equal(big.volume.data.length, 50);
    assert.equal(cache.peek('big'), undefined);
    assert.ok(cache.peek('small') !== undefined);
  });

  it('forgets a deleted series and counts its bytes out', async () => {
    const cache = new SeriesCache({ maxBytes: 100 });
    await cache.get('a', async () => series('a', 10));
    assert.equal(cache.delete('a'), true);
    assert.equal(cache.delete('a'), false);
    assert.deepEqual(
      { entries: cache.stats().entries, bytes: cache.stats().bytes },
      { entries: 0, bytes: 0 },
    );
  });

  it('throws SettingsError when the byte bound is not positive', () => {
    assert.throws(() => new SeriesCache({ maxBytes: 0 }), { code: 'invalid-setting' });
  });
});
