import { api } from 'dicomweb-client';
import XHR2 from 'xhr2';
import { DicomWebError } from '../errors.ts';
import { statusError, transportError } from '../http/http-get.ts';
import { DICOMWEB } from './dicomweb-service.ts';

/**
 * QIDO-RS searches through dicomweb-client. In Node the client needs a global XMLHttpRequest, which
 * xhr2 provides. Each search gets its own client so that its request hook can arm the per-request
 * timeout and abort the XMLHttpRequest when the caller's signal fires.
 */

/** One DICOM JSON dataset (PS3.18 F.2): tag "GGGGEEEE" to {vr, Value}. */
export type DicomJson = Readonly<
  Record<string, { readonly vr?: string; readonly Value?: readonly unknown[] }>
>;

const globals = globalThis as { XMLHttpRequest?: unknown };
globals.XMLHttpRequest ??= XHR2;

/** Settings of one search. */
export interface QidoRequest {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

interface XhrLike {
  timeout: number;
  abort(): void;
}

function isXhrLike(x: unknown): x is XhrLike {
  return typeof x === 'object' && x !== null && 'abort' in x && 'timeout' in x;
}

function asDatasets(result: unknown, what: string, host: string): DicomJson[] {
  if (result === undefined || result === null || result === '') return [];
  const list: unknown = typeof result === 'string' ? JSON.parse(result) : result;
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'object' || x === null)) {
    throw new DicomWebError('bad-response', `${what} from ${host} did not answer a DICOM JSON array`);
  }
  return list as DicomJson[];
}

/** Runs one dicomweb-client search with the timeout and signal applied; maps its failures to DicomWebError. */
async function runSearch(
  req: QidoRequest,
  what: string,
  // The client's typings say its searches return arrays; at run time they return promises of arrays.
  call: (client: api.DICOMwebClient) => unknown,
): Promise<DicomJson[]> {
  const host = new URL(req.baseUrl).host;
  if (req.signal?.aborted) throw new DicomWebError('aborted', `${what} from ${host} was cancelled`);
  const live = new Set<XhrLike>();
  let timedOut = false;
  const client = new api.DICOMwebClient({
    url: req.baseUrl,
    headers: { ...req.headers },
    verbose: false,
    singlepart: false,
    requestHooks: [
      // dicomweb-client only accepts hooks declared with both parameters (request, metadata).
      (xhr: unknown, _metadata: unknown) => {
        if (isXhrLike(xhr)) {
          xhr.timeout = req.timeoutMs;
          live.add(xhr);
        }
        return xhr;
      },
    ],
  });
  let rejectEarly: (e: unknown) => void = () => undefined;
  const early = new Promise<never>((_, reject) => {
    rejectEarly = reject;
  });
  const stopAll = (): void => live.forEach((x) => x.abort());
  const onAbort = (): void => {
    stopAll();
    rejectEarly(new DicomWebError('aborted', `${what} from ${host} was cancelled`));
  };
  req.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    stopAll();
    rejectEarly(new Error('deadline passed'));
  }, req.timeoutMs);
  try {
    const result = await Promise.race([Promise.resolve(call(client)), early]);
    return asDatasets(result, what, host);
  } catch (e) {
    const status = typeof e === 'object' && e !== null && 'status' in e ? e.status : undefined;
    if (typeof status === 'number' && status > 0 && !timedOut)
      throw statusError(DICOMWEB, status, what, host);
    throw transportError(DICOMWEB, e, what, host, req.signal, timedOut, req.timeoutMs);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

/** QIDO-RS: the series of a study (optionally filtered, e.g. `{ Modality: 'CT' }`). */
export function searchSeries(
  req: QidoRequest,
  studyInstanceUid: string,
  query: Readonly<Record<string, string>> = {},
): Promise<DicomJson[]> {
  return runSearch(req, 'the series search', (c) =>
    c.searchForSeries({ studyInstanceUID: studyInstanceUid, queryParams: { ...query } }),
  );
}

/** QIDO-RS: the instances of a series. */
export function searchInstances(
  req: QidoRequest,
  studyInstanceUid: string,
  seriesInstanceUid: string,
): Promise<DicomJson[]> {
  return runSearch(req, 'the instance search', (c) =>
    c.searchForInstances({ studyInstanceUID: studyInstanceUid, seriesInstanceUID: seriesInstanceUid }),
  );
}

/** The first value of a tag of a DICOM JSON dataset as a string, or undefined. */
export function jsonString(ds: DicomJson, tag: string): string | undefined {
  const v = ds[tag]?.Value?.[0];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** The first value of a tag of a DICOM JSON dataset as a number, or undefined. */
export function jsonNumber(ds: DicomJson, tag: string): number | undefined {
  const v = ds[tag]?.Value?.[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
