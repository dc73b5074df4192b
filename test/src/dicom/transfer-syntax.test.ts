import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isEncapsulatedSyntax,
  pixelCodecOf,
  supportedTransferSyntaxes,
  transferSyntaxName,
} from '../../../src/dicom/transfer-syntax.ts';

describe('pixelCodecOf', () => {
  it('maps the native, RLE, JPEG 2000, JPEG-LS and JPEG lossless syntaxes to their codecs and others to unsupported', () => {
    assert.equal(pixelCodecOf('1.2.840.10008.1.2'), 'native');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.1'), 'native');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.5'), 'rle');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.4.90'), 'jpeg2000');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.4.91'), 'jpeg2000');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.4.80'), 'jpeg-ls');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.4.81'), 'jpeg-ls');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.4.57'), 'jpeg-lossless');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.4.70'), 'jpeg-lossless');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.4.50'), 'unsupported');
    assert.equal(pixelCodecOf('1.2.840.10008.1.2.2'), 'unsupported');
  });
});

describe('transferSyntaxName', () => {
  it('names known syntaxes and says unknown otherwise', () => {
    assert.equal(transferSyntaxName('1.2.840.10008.1.2.4.80'), 'JPEG-LS Lossless');
    assert.equal(transferSyntaxName('9.9'), 'unknown transfer syntax');
    assert.ok(supportedTransferSyntaxes().some((s) => s.startsWith('RLE Lossless')));
  });
});

describe('isEncapsulatedSyntax', () => {
  it('is false for the native syntaxes and true for compressed ones', () => {
    assert.equal(isEncapsulatedSyntax('1.2.840.10008.1.2'), false);
    assert.equal(isEncapsulatedSyntax('1.2.840.10008.1.2.2'), false);
    assert.equal(isEncapsulatedSyntax('1.2.840.10008.1.2.5'), true);
  });
});
