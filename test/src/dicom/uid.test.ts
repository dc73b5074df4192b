import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deterministicUid, randomUid } from '../../../src/dicom/uid.ts';

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
