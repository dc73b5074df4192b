import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { analyseStudy } from '../../../src/analysis/analyse-study.ts';
import type { AnalysisResult } from '../../../src/analysis/result.ts';
import { paramsFromSettings } from '../../../src/radiomics/params.ts';
import { makeVertebraVolume } from '../../../src/synth/vertebra-volume.ts';
import { decodeResult, encodeResult, ResultCodecError } from '../../../server/analysis/result-codec.ts';

async function realResult(): Promise<AnalysisResult> {
  const { image, mask } = makeVertebraVolume({ size: [64, 64, 12], spacingMm: [0.7, 0.7, 2.5], seed: 9 });
  return analyseStudy(
    {
      chooseCtSeries: async (study) => ({ studyInstanceUid: study, seriesInstanceUid: '1.2.3' }),
      loadCt: async () => ({ volume: image, acquisition: null, warnings: [] }),
      findSegmentations: async (study) => [{ studyInstanceUid: study, seriesInstanceUid: '1.2.4' }],
      loadSegmentation: async () => mask,
    },
    { studyInstanceUid: '1.2' },
    { params: paramsFromSettings({}) },
  );
}

describe('the cached result codec', () => {
  it('gives back an equal result: the feature map, the mask and the preview pixels', async () => {
    const result = await realResult();
    assert.equal(result.status, 'complete');
    if (result.status !== 'complete') return;
    const bytes = encodeResult(result);
    const back = decodeResult(bytes);
    assert.deepStrictEqual(back, result);
    if (back.status !== 'complete') return;
    assert.ok(back.features instanceof Map);
    assert.ok(back.mask.data instanceof Uint8Array);
    assert.ok(back.preview?.hu instanceof Int16Array);
    // Deflated: the mostly empty 64x64x12 mask costs far less than its 49 152 bytes.
    assert.ok(bytes.length < result.mask.data.length, `${bytes.length} bytes`);
  });

  it('keeps NaN, the infinities and -0', () => {
    const odd = {
      id: 'x',
      status: 'failed',
      values: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1.5],
    } as unknown as AnalysisResult;
    const back = decodeResult(encodeResult(odd)) as unknown as { values: number[] };
    assert.deepStrictEqual(back.values, [Number.NaN, Infinity, -Infinity, -0, 0, 1.5]);
    assert.ok(Object.is(back.values[3], -0));
  });

  it('refuses bytes that are not an encoded result, and a truncated one', async () => {
    assert.throws(() => decodeResult(Buffer.from('not deflated')), ResultCodecError);
    assert.throws(() => decodeResult(deflateSync(Buffer.from('{"id":"x"}'))), ResultCodecError);
    const { inflateSync } = await import('node:zlib');
    const raw = inflateSync(encodeResult(await realResult()));
    assert.throws(() => decodeResult(deflateSync(raw.subarray(0, raw.length - 10))), /truncated/);
  });
});
