import { DicomWebError } from '../errors.ts';
import type { UpstreamService } from '../http/upstream.ts';

/** DICOMweb as the HTTP layer sees it: its name, its allow-list variable and its typed error. */
export const DICOMWEB: UpstreamService = {
  name: 'DICOMweb',
  allowListVariable: 'BONEMET_DICOMWEB_ALLOWLIST',
  error: (code, message, options) => new DicomWebError(code, message, options),
};
