/**
 * Type declarations for the untyped packages the DICOM adapter uses, limited to the members it calls.
 * Values coming out of them are typed `unknown` and validated where they are read.
 */

declare module 'dcmjs' {
  /** One element of a dataset in dcmjs' tag-keyed ("denaturalized") form. */
  export interface DcmjsElement {
    vr: string;
    Value: unknown[];
  }
  export type DcmjsElements = Record<string, DcmjsElement>;

  export class DicomDict {
    constructor(meta: DcmjsElements);
    meta: DcmjsElements;
    dict: DcmjsElements;
    write(options?: { fragmentMultiframe?: boolean; allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  export interface ReadFileOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  }

  interface Logger {
    setLevel(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent'): void;
    getLogger(name: string): Logger;
  }

  const dcmjs: {
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: ReadFileOptions): DicomDict };
      DicomMetaDictionary: {
        naturalizeDataset(dict: DcmjsElements): Record<string, unknown>;
        /** The data dictionary by keyword: punctuated tag, e.g. "(0028,0010)", VR and keyword. */
        nameMap: Record<string, { readonly tag: string; readonly vr: string; readonly name: string }>;
        denaturalizeDataset(dataset: Record<string, unknown>): DcmjsElements;
        uid(): string;
      };
      DicomDict: typeof DicomDict;
    };
    log: Logger;
  };
  export default dcmjs;
}

declare module 'xhr2' {
  const XMLHttpRequestImpl: { new (): XMLHttpRequest };
  export default XMLHttpRequestImpl;
}

declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  export interface J2KFrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
  }
  export interface J2KDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    decode(): void;
    getFrameInfo(): J2KFrameInfo;
    getDecodedBuffer(): ArrayBufferView;
    delete(): void;
  }
  export interface J2KEncoder {
    getDecodedBuffer(info: J2KFrameInfo): Uint8Array;
    setDecompositions(n: number): void;
    setQuality(lossless: boolean, quality: number): void;
    encode(): void;
    getEncodedBuffer(): ArrayBufferView;
    delete(): void;
  }
  export interface OpenJpegModule {
    J2KDecoder: { new (): J2KDecoder };
    J2KEncoder: { new (): J2KEncoder };
  }
  const factory: (options?: Record<string, unknown>) => Promise<OpenJpegModule>;
  export default factory;
}

declare module '@cornerstonejs/codec-charls/wasmjs' {
  export interface JpegLsFrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
  }
  export interface JpegLSDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    decode(): void;
    getFrameInfo(): JpegLsFrameInfo;
    getNearLossless(): number;
    getInterleaveMode(): number;
    getDecodedBuffer(): ArrayBufferView;
    delete(): void;
  }
  export interface JpegLSEncoder {
    getDecodedBuffer(info: JpegLsFrameInfo & { isSigned: boolean }): Uint8Array;
    setNearLossless(near: number): void;
    setInterleaveMode(mode: number): void;
    encode(): void;
    getEncodedBuffer(): ArrayBufferView;
    delete(): void;
  }
  export interface CharlsModule {
    JpegLSDecoder: { new (): JpegLSDecoder };
    JpegLSEncoder: { new (): JpegLSEncoder };
  }
  const factory: (options?: Record<string, unknown>) => Promise<CharlsModule>;
  export default factory;
}

declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    constructor();
    /** Decodes a JPEG lossless (process 14) stream; samples of more than 8 bits come out as native-endian words. */
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes: number): Uint8Array | Uint16Array;
    /** Predictors Ra (left) and Rb (above) of the current sample. */
    getPreviousX(compOffset?: number): number;
    getPreviousY(compOffset?: number): number;
    /** Prediction of selection value 7, (Ra + Rb) / 2. */
    select7(compOffset?: number): number;
    xDim: number;
    yDim: number;
    numComp: number;
  }
}
