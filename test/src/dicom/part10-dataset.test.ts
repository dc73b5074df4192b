import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCtSlice } from '../../../src/dicom/ct-slice.ts';
import { writeCtSeries } from '../../../src/dicom/ct-writer.ts';
import { optionalNumbers, optionalString, sequenceItem } from '../../../src/dicom/dataset-values.ts';
import { headerDataset } from '../../../src/dicom/part10-dataset.ts';
import { checkPart10Layout } from '../../../src/dicom/part10-structure.ts';
import type { DicomDataset } from '../../../src/dicom/part10.ts';
import { parseWithDcmjs, readPart10 } from '../../../src/dicom/part10.ts';
import { writeSegmentation } from '../../../src/dicom/seg-writer.ts';
import { integerHuVolume, testGrid } from '../../support/ct-fixtures.ts';
import { ctFile, enhancedCtFile, words16 } from '../../support/dicom-files.ts';
import { referencePath } from '../../support/reference.ts';

const IMPLICIT = '1.2.840.10008.1.2';

/** Every top-level attribute of `fast` reads as in dcmjs' own parse through the typed reads. */
function assertSameHeader(bytes: Uint8Array, what: string): void {
  const layout = checkPart10Layout(bytes, what);
  assert.ok(layout.pixelData !== undefined, `${what}: native pixel data expected`);
  const fast = readPart10(bytes, what).dataset;
  const reference = parseWithDcmjs(bytes, layout.pixelData.offset, what).dataset;
  const keys = Object.keys(reference);
  assert.deepEqual(Object.keys(fast), keys, `${what}: keys`);
  assert.ok(keys.length > 10, `${what}: ${keys.length} attributes`);
  for (const k of keys) {
    const at = `${what}: ${k}`;
    assert.equal(optionalString(fast, k), optionalString(reference, k), at);
    assert.deepEqual(optionalNumbers(fast, k), optionalNumbers(reference, k), at);
    assert.deepEqual(sequenceItem(fast, k), sequenceItem(reference, k), at);
  }
}

describe('headerDataset', () => {
  it('reads every attribute of generated CT series as dcmjs does, explicit and implicit VR', async () => {
    const v = integerHuVolume(testGrid([5, 4, 3]), 21);
    for (const encoding of ['explicit', 'implicit'] as const) {
      const files = await writeCtSeries(v, { seed: `h-${encoding}`, encoding });
      files.forEach((f, i) => assertSameHeader(f, `${encoding} slice ${i}`));
    }
  });

  it('reads every attribute of the 134 real Philips slices as dcmjs does', () => {
    const dir = referencePath('realct', 'pancreas-ct-001');
    const names = readdirSync(dir).filter((n) => n.endsWith('.dcm'));
    assert.equal(names.length, 134);
    for (const n of names) assertSameHeader(new Uint8Array(readFileSync(join(dir, n))), n);
  });

  it('reads an Enhanced CT, a SEG and files with multi-valued, empty and odd values as dcmjs does', () => {
    const v = integerHuVolume(testGrid([4, 3, 2]), 22);
    assertSameHeader(enhancedCtFile(v, [1, 0]), 'enhanced CT');
    const mask = { grid: v.grid, data: new Uint8Array(v.data.length).fill(1) };
    const seg = writeSegmentation(
      mask,
      { studyInstanceUid: '2.25.1', seriesInstanceUid: '2.25.2', frameOfReferenceUid: '2.25.5' },
      [{ label: 1, name: 'T6 marrow', algorithmType: 'MANUAL' }],
      { seed: 'h' },
    );
    assertSameHeader(seg, 'SEG');
    const odd = {
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      WindowCenter: ['40', '-600'],
      SliceThickness: '',
      ConvolutionKernel: 'B30f ',
      PixelPaddingValue: -2000,
      SeriesNumber: '+7',
      PatientName: 'Doe^Jane',
    };
    for (const ts of [undefined, IMPLICIT]) {
      assertSameHeader(ctFile(2, 2, words16([1, 2, 3, 4]), odd, ts), `odd values ${ts ?? 'explicit'}`);
    }
  });

  it('decodes a CT slice without asking dcmjs for anything', async () => {
    const v = integerHuVolume(testGrid([5, 4, 1]), 23);
    const [bytes] = await writeCtSeries(v, { seed: 'nodcmjs' });
    const layout = checkPart10Layout(bytes, 'slice');
    const offset = layout.pixelData?.offset ?? 0;
    let asked = 0;
    const dataset: DicomDataset = headerDataset(
      bytes,
      layout.elements.filter((e) => e.offset < offset),
      layout.explicitVr,
      () => {
        asked++;
        return {};
      },
    );
    const pixels = bytes.subarray(offset, offset + (layout.pixelData?.length ?? 0));
    const slice = await decodeCtSlice({
      transferSyntaxUid: layout.transferSyntaxUid,
      dataset,
      pixelData: { encapsulated: false, bytes: pixels },
      source: 'slice',
    });
    assert.deepEqual([...slice.hu], [...v.data]);
    assert.equal(asked, 0);
  });
});
