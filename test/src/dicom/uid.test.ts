import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertDicomUid, deterministicUid, randomUid } from '../../../src/dicom/uid.ts';
import { DicomError } from '../../../src/errors.ts';

const UID = /^2\.25\.(0|[1-9]\d*)$/;

describe('deterministicUid', () => {
  it('gives the same 2.25 UID for the same seed and role and different ones otherwise', () => {
    const a = deterministicUid(7, 'series');
    assert.match(a, UID);
    assert.ok(a.length <= 64);
    assert.equal(deterministicUid(7, 'series'), a);
    assert.notEqual(deterministicUid(7, 'study'), a);
    assert.notEqual(deterministicUid('7x', 'series'), a);
    assert.ok(BigInt(a.slice(5)) < 2n ** 128n);
  });
});

describe('randomUid', () => {
  it('gives distinct valid 2.25 UIDs', () => {
    const set = new Set(Array.from({ length: 100 }, () => randomUid()));
    assert.equal(set.size, 100);
    for (const u of set) assert.match(u, UID);
  });
});

describe('assertDicomUid', () => {
  it('passes a UID through and refuses anything that could leave a URL path segment, naming it', () => {
    assert.equal(assertDicomUid('1.2.840.10008.5.1.4.1.1.2'), '1.2.840.10008.5.1.4.1.1.2');
    for (const bad of ['', '../../system', '1.2.3/instances', '1.2 3', `1.${'2'.repeat(64)}`]) {
      assert.throws(
        () => assertDicomUid(bad, 'the study UID'),
        (e: unknown) =>
          e instanceof DicomError && e.code === 'invalid-uid' && e.message.startsWith('the study UID'),
        bad,
      );
    }
  });
});
