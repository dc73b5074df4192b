import { BoneMetError } from '../../src/errors.ts';
import type { UpstreamErrorCode, UpstreamService } from '../../src/http/upstream.ts';

/** The typed error of a stand-in service, so HTTP-layer tests show they depend on no particular service. */
export class UpstreamTestError extends BoneMetError {
  readonly code: UpstreamErrorCode;
  readonly status: number | undefined;
  constructor(code: UpstreamErrorCode, message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
  }
}

/** A FHIR-like service as the HTTP layer sees it. */
export const FHIR_LIKE: UpstreamService = {
  name: 'FHIR',
  allowListVariable: 'BONEMET_FHIR_ALLOWLIST',
  error: (code, message, options) => new UpstreamTestError(code, message, options?.status, options),
};
