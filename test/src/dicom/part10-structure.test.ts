import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { checkPart10Structure } from '../../../src/dicom/part10-structure.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import { writeCtSeries, writePart10 } from '../../../src/dicom/ct-writer.ts';
import { DicomError } from '../../../src/errors.ts';
import { ctDataset, ctFile, words16 } from '../../support/dicom-files.ts';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN } from '../../../src/dicom/transfer-syntax.ts';
import { integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { seededUniform } from '../../support/random.ts';

const code = (c: string) => (e: unknown) => e instanceof DicomError && e.code === c;

/** Offset of the first occurrence of `pattern` in `bytes`. */
function find(bytes: Uint8Array, pattern: readonly number[]): number {
  return Buffer.from(bytes).indexOf(Buffer.from(pattern));
}

describe('checkPart10Structure', () => {
  it('accepts explicit, implicit and encapsulated files and returns their transfer syntax', async () => {
    assert.equal(checkPart10Structure(ctFile(2, 2, words16([1, 2, 3, 4])), 'e'), '1.2.840.10008.1.2.1');
    assert.equal(
      checkPart10Structure(ctFile(2, 2, words16([1, 2, 3, 4]), {}, '1.2.840.10008.1.2'), 'i'),
      '1.2.840.10008.1.2',
    );
    const [rle] = await writeCtSeries(integerHuVolume(testGrid([3, 3, 1]), 1), { seed: 1, encoding: 'rle' });
    assert.equal(checkPart10Structure(rle, 'r'), '1.2.840.10008.1.2.5');
  });

  it('accepts a nested sequence of defined and undefined length items', () => {
    const file = ctFile(2, 1, words16([1, 2]), {
      ReferencedImageSequence: [
        { ReferencedSOPClassUID: '1.2', ReferencedSOPInstanceUID: '1.2.3' },
        { ReferencedSOPInstanceUID: '4.5' },
      ],
    });
    assert.doesNotThrow(() => checkPart10Structure(file, 'sq'));
    assert.equal(readPart10(file, 'sq').dataset.Modality, 'CT');
  });

  it('throws truncated-file for an element length running past the end of the file', () => {
    const file = ctFile(2, 1, words16([1, 2]));
    const at = find(file, [0x08, 0x00, 0x60, 0x00, 0x43, 0x53]); // (0008,0060) CS Modality
    const bad = file.slice();
    bad[at + 6] = 0xff;
    bad[at + 7] = 0xff;
    assert.throws(() => checkPart10Structure(bad, 'len'), code('truncated-file'));
  });

  it('throws not-dicom for a huge length in the file meta group instead of allocating it', () => {
    const file = ctFile(2, 1, words16([1, 2]));
    const at = find(file, [0x02, 0x00, 0x12, 0x00, 0x55, 0x49]); // (0002,0012) UI
    const bad = file.slice();
    bad[at + 5] = 0x4e; // UI -> UN: a long VR, so the next 4 bytes become a huge length
    assert.throws(
      () => readPart10(bad, 'meta'),
      (e: unknown) => code('truncated-file')(e) || code('not-dicom')(e),
    );
  });

  it('throws not-dicom for an invalid VR and for a delimiter outside a sequence', () => {
    const file = ctFile(2, 1, words16([1, 2]));
    const at = find(file, [0x08, 0x00, 0x60, 0x00, 0x43, 0x53]);
    const badVr = file.slice();
    badVr[at + 4] = 0x01;
    assert.throws(() => checkPart10Structure(badVr, 'vr'), code('not-dicom'));
    const delim = file.slice();
    delim.set([0xfe, 0xff, 0xdd, 0xe0], at);
    assert.throws(() => checkPart10Structure(delim, 'delim'), code('not-dicom'));
  });

  it('walks and reads a deflated explicit-VR dataset', () => {
    const labelled = writePart10(ctDataset(2, 1, words16([-7, 7])), DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    const metaEnd = 132 + 12 + new DataView(labelled.buffer).getUint32(140, true);
    const deflated = new Uint8Array([
      ...labelled.subarray(0, metaEnd),
      ...deflateRawSync(labelled.subarray(metaEnd)),
    ]);
    assert.equal(checkPart10Structure(deflated, 'deflated'), DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    const f = readPart10(deflated, 'deflated');
    assert.deepEqual(f.pixelData, { encapsulated: false, bytes: words16([-7, 7]) });
    const cut = deflated.subarray(0, deflated.length - 4);
    assert.throws(() => checkPart10Structure(cut, 'cut'), DicomError);
  });

  it('only returns or throws DicomError on 10,000 structural mutations, and readPart10 agrees', () => {
    const base = ctFile(2, 2, words16([-5, 0, 5, 1000]), {
      ReferencedImageSequence: [{ ReferencedSOPInstanceUID: '1.2' }],
    });
    const next = seededUniform(2024);
    let walked = 0;
    let parsed = 0;
    for (let n = 0; n < 10_000; n++) {
      const m = base.slice();
      const edits = 1 + (n % 3);
      for (let k = 0; k < edits; k++) {
        const p = 132 + Math.floor(next() * (m.length - 132));
        // Bias towards the bytes that matter: lengths, VRs, tags.
        m[p] = n % 5 === 0 ? 0xff : Math.floor(next() * 256);
      }
      const cut = n % 7 === 0 ? m.subarray(0, 132 + Math.floor(next() * (m.length - 132))) : m;
      try {
        checkPart10Structure(cut, 'mutant');
        walked++;
      } catch (e) {
        assert.ok(e instanceof DicomError, `mutation ${n}: ${String(e)}`);
        continue;
      }
      if (n % 4 === 0) {
        try {
          readPart10(cut, 'mutant');
          parsed++;
        } catch (e) {
          assert.ok(e instanceof DicomError, `mutation ${n} (readPart10): ${String(e)}`);
        }
      }
    }
    assert.ok(walked > 100 && parsed > 10, `${walked} walked, ${parsed} parsed`);
  });
});
