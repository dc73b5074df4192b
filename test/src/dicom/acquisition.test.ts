import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  readEnhancedFrameAcquisition,
  readSliceAcquisition,
  summariseAcquisition,
} from '../../../src/dicom/acquisition.ts';
import { readPart10 } from '../../../src/dicom/part10.ts';
import type { DicomDataset } from '../../../src/dicom/part10.ts';
import { ctFile, words16 } from '../../support/dicom-files.ts';
import { sliceAt } from '../../support/ct-fixtures.ts';

/** The dataset of a generated 2x1 CT file with the given attributes, written and parsed back. */
function parsed(overrides: Readonly<Record<string, unknown>>): DicomDataset {
  return readPart10(ctFile(2, 1, words16([0, 0]), overrides), 'acq').dataset;
}

describe('readSliceAcquisition', () => {
  it('reads modality, contrast/bolus, kernel, equipment and series description, and no patient data', () => {
    const a = readSliceAcquisition(
      parsed({
        ContrastBolusAgent: 'OMNIPAQUE 350',
        ContrastBolusRoute: 'IV',
        ContrastBolusVolume: '80',
        ContrastBolusStartTime: '101500',
        ConvolutionKernel: ['I70f', '3'],
        Manufacturer: 'SIEMENS',
        ManufacturerModelName: 'SOMATOM Force',
        SeriesDescription: 'Thorax 1.0 I70f',
        PatientName: 'Doe^Jane',
      }),
    );
    assert.deepEqual(a, {
      modality: 'CT',
      contrastBolusAgent: 'OMNIPAQUE 350',
      contrastBolusRoute: 'IV',
      contrastBolusVolumeMl: 80,
      contrastBolusStartTime: '101500',
      convolutionKernel: 'I70f\\3',
      manufacturer: 'SIEMENS',
      manufacturerModelName: 'SOMATOM Force',
      seriesDescription: 'Thorax 1.0 I70f',
    });
  });

  it('gives undefined for attributes the header lacks or leaves empty', () => {
    const a = readSliceAcquisition(parsed({ ContrastBolusAgent: '' }));
    assert.equal(a.modality, 'CT');
    assert.equal(a.contrastBolusAgent, undefined);
    assert.equal(a.convolutionKernel, undefined);
    assert.equal(a.contrastBolusVolumeMl, undefined);
  });
});

describe('readEnhancedFrameAcquisition', () => {
  it('takes the agent, route and volume from ContrastBolusAgentSequence and the kernel from the reconstruction group', () => {
    const ds = parsed({
      ContrastBolusAgentSequence: [
        {
          CodeValue: 'C-B0322',
          CodingSchemeDesignator: 'SRT',
          CodeMeaning: 'Iohexol',
          ContrastBolusVolume: '75',
          ContrastBolusAdministrationRouteSequence: [
            { CodeValue: 'G-D101', CodingSchemeDesignator: 'SRT', CodeMeaning: 'Intravenous route' },
          ],
        },
      ],
    });
    const a = readEnhancedFrameAcquisition(ds, { ConvolutionKernel: 'FC07' });
    assert.equal(a.contrastBolusAgent, 'Iohexol');
    assert.equal(a.contrastBolusRoute, 'Intravenous route');
    assert.equal(a.contrastBolusVolumeMl, 75);
    assert.equal(a.convolutionKernel, 'FC07');
  });

  it('prefers the top-level attributes when present and gives undefined without a sequence', () => {
    const a = readEnhancedFrameAcquisition(
      parsed({ ContrastBolusAgent: 'NONE', ConvolutionKernel: 'B' }),
      {},
    );
    assert.equal(a.contrastBolusAgent, 'NONE');
    assert.equal(a.contrastBolusRoute, undefined);
    assert.equal(a.convolutionKernel, 'B');
  });
});

describe('summariseAcquisition', () => {
  it('gives one value per attribute when the slices agree', () => {
    const s = summariseAcquisition([0, 1, 2].map((k) => sliceAt(k, [0, 0, k])));
    assert.equal(s.sliceCount, 3);
    assert.deepEqual(s.modality, ['CT']);
    assert.deepEqual(s.sliceThicknessMm, { min: 2, max: 2 });
    assert.deepEqual(s.convolutionKernel, ['STANDARD']);
    assert.deepEqual(s.contrastBolusAgent, []);
    assert.equal(s.contrastBolusVolumeMl, null);
  });

  it('says so when the slices differ: the thickness range and each kernel in slice order', () => {
    const base = sliceAt(0, [0, 0, 0]).acquisition;
    const slices = [
      sliceAt(0, [0, 0, 0], { sliceThicknessMm: 1.25, acquisition: { ...base, convolutionKernel: 'B70f' } }),
      sliceAt(1, [0, 0, 1], { sliceThicknessMm: 2.5 }),
      sliceAt(2, [0, 0, 2], {
        sliceThicknessMm: undefined,
        acquisition: { ...base, convolutionKernel: 'B70f' },
      }),
    ];
    const s = summariseAcquisition(slices);
    assert.deepEqual(s.sliceThicknessMm, { min: 1.25, max: 2.5 });
    assert.deepEqual(s.convolutionKernel, ['B70f', 'STANDARD']);
  });

  it('gives empty lists and null ranges for no slices', () => {
    const s = summariseAcquisition([]);
    assert.equal(s.sliceCount, 0);
    assert.deepEqual(s.modality, []);
    assert.equal(s.sliceThicknessMm, null);
  });
});
