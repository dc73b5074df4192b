import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildDiagnostics, canonicalJson, hashArray } from '../../../src/radiomics/diagnostics.ts';
import { validateParams } from '../../../src/radiomics/params.ts';
import { makeGrid } from '../../../src/volume/grid.ts';
import { PACKAGE_VERSION } from '../../../src/version.ts';

describe('canonicalJson', () => {
  it('sorts object keys so equal settings print the same', () => {
    assert.equal(canonicalJson({ b: 1, a: [2, { d: 3, c: null }] }), '{"a":[2,{"c":null,"d":3}],"b":1}');
  });
});

describe('hashArray', () => {
  it('hashes the bytes of the array view only', () => {
    const buf = new Float32Array([1, 2, 3, 4]);
    const view = buf.subarray(1, 3);
    const expected = createHash('sha256')
      .update(new Uint8Array(buf.buffer, 4, 8))
      .digest('hex');
    assert.equal(hashArray(view), expected);
  });
});

describe('buildDiagnostics', () => {
  it('lists version, settings and their hash, hashes, geometry, bounding box and voxel count', () => {
    const d = new Map(
      buildDiagnostics({
        params: validateParams({ setting: { binWidth: 10 } }),
        imageGrid: makeGrid([10, 20, 30], [0.5, 0.5, 2]),
        imageHash: 'abc',
        maskHash: 'def',
        box: { lo: [1, 2, 3], hi: [4, 6, 8] },
        voxelCount: 42,
      }),
    );
    assert.equal(d.get('diagnostics_Versions_BoneMetRisk'), PACKAGE_VERSION);
    assert.match(String(d.get('diagnostics_Configuration_Settings')), /"binWidth":10/);
    assert.match(String(d.get('diagnostics_Configuration_SettingsHash')), /^[0-9a-f]{64}$/);
    assert.equal(d.get('diagnostics_Image-original_Spacing'), '(0.5, 0.5, 2)');
    assert.equal(d.get('diagnostics_Image-original_Size'), '(10, 20, 30)');
    assert.equal(d.get('diagnostics_Mask-original_BoundingBox'), '(1, 2, 3, 4, 5, 6)');
    assert.equal(d.get('diagnostics_Mask-original_VoxelNum'), 42);
    assert.equal(d.get('diagnostics_Image-original_Hash'), 'abc');
  });
});
