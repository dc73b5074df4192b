import { DicomError, DicomWebError } from '../errors.ts';
import { assertDicomUid } from './uid.ts';
import type { DicomJson, QidoRequest } from './dicomweb-qido.ts';
import { jsonNumber, jsonString, searchInstances, searchSeries } from './dicomweb-qido.ts';
import { randomBytes } from 'node:crypto';
import { httpGetStream, httpPost, retryAfterOfError } from '../http/http-get.ts';
import type { HttpBody } from '../http/http-get.ts';
import { bearerHeaders } from '../http/upstream.ts';
import type { BearerToken } from '../http/upstream.ts';
import { DICOMWEB } from './dicomweb-service.ts';
import { MultipartReader } from './multipart.ts';
import type { RetryPolicy } from '../http/request-policy.ts';
import { assertAllowedHost, ConcurrencyLimit, withRetries } from '../http/request-policy.ts';

/**
 * The DICOMweb adapter: a narrow {@link DicomWebSource} interface and its HTTP implementation. QIDO-RS
 * searches go through dicomweb-client; bulk retrieval (WADO-RS) goes through fetch asking for
 * `transfer-syntax=*`, so the server sends instances as stored and decoding happens here. The host
 * allow-list is checked before any request; every request has a deadline, honours the caller's
 * AbortSignal, is retried with backoff on 429/503 and runs under a concurrency limit.
 */

export type { DicomJson } from './dicomweb-qido.ts';

/** A series on a DICOMweb server. */
export interface SeriesRef {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
}

/** Read access to a DICOMweb server. */
export interface DicomWebSource {
  /** QIDO-RS series of a study, optionally filtered (e.g. `{ Modality: 'CT' }`). */
  searchSeries(
    studyInstanceUid: string,
    query?: Readonly<Record<string, string>>,
    signal?: AbortSignal,
  ): Promise<readonly DicomJson[]>;
  /** QIDO-RS instances of a series. */
  searchInstances(ref: SeriesRef, signal?: AbortSignal): Promise<readonly DicomJson[]>;
  /** WADO-RS: every instance of a series as Part 10 bytes, in the server's order. */
  retrieveSeries(ref: SeriesRef, signal?: AbortSignal): Promise<Uint8Array[]>;
  /**
   * WADO-RS like {@link DicomWebSource.retrieveSeries}, handing each instance to `onInstance` as soon as it
   * has arrived (and awaiting it before reading on), so decoding overlaps the transfer and the whole
   * response is never held at once. `bytes` is a view valid until `onInstance` settles (copy it to keep
   * it). Resolves with the number of instances.
   */
  streamSeries?(
    ref: SeriesRef,
    onInstance: (bytes: Uint8Array, index: number) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<number>;
  /** WADO-RS: one instance as Part 10 bytes. */
  retrieveInstance(ref: SeriesRef, sopInstanceUid: string, signal?: AbortSignal): Promise<Uint8Array>;
  /**
   * STOW-RS: stores Part 10 instances in a study (one request, multipart/related). Resolves when the server stored
   * every one; rejects with {@link DicomWebError} naming what it refused otherwise. Never retried (not idempotent
   * for every server).
   */
  store?(studyInstanceUid: string, instances: readonly Uint8Array[], signal?: AbortSignal): Promise<void>;
}

/** Settings of {@link createDicomWebSource}. */
export interface DicomWebSourceOptions {
  /** DICOMweb root, e.g. `http://127.0.0.1:8042/dicom-web`. */
  readonly baseUrl: string;
  /** Origins that may be contacted (`scheme://host[:port]`); `baseUrl`'s must be one of them. */
  readonly allowedOrigins: readonly string[];
  /** Bearer token sent as `Authorization: Bearer <token>`, or a function giving a fresh one per request. */
  readonly token?: BearerToken;
  /** Deadline of one request in ms (default 60,000). */
  readonly timeoutMs?: number;
  /** Retries on 429/503 (default 3) and first backoff in ms (default 250, doubled each time, capped at 5 s). */
  readonly retries?: number;
  readonly retryBaseDelayMs?: number;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** fetch implementation (tests); default Node's http/https client. */
  readonly fetchImpl?: typeof fetch;
}

/** The Accept header that asks WADO-RS for Part 10 instances in whatever transfer syntax they are stored. */
export const ACCEPT_ANY_TRANSFER_SYNTAX = 'multipart/related; type="application/dicom"; transfer-syntax=*';

function enc(uid: string): string {
  return assertDicomUid(uid);
}

/**
 * Builds the HTTP {@link DicomWebSource}. Throws {@link DicomWebError} `host-not-allowed` at once when
 * `baseUrl`'s origin is not on `allowedOrigins`, before any request is made.
 */
export function createDicomWebSource(options: DicomWebSourceOptions): DicomWebSource {
  assertAllowedHost(DICOMWEB, options.baseUrl, options.allowedOrigins);
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const limit = new ConcurrencyLimit(options.concurrency ?? 4);
  const policy: RetryPolicy = {
    retries: options.retries ?? 3,
    baseDelayMs: options.retryBaseDelayMs ?? 250,
    maxDelayMs: 5_000,
  };
  const fetchImpl = options.fetchImpl;
  const headers = (): Promise<Record<string, string>> => bearerHeaders(DICOMWEB, options.token);
  const guarded = <T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> =>
    withRetries(
      DICOMWEB,
      policy,
      () => limit.run(run),
      signal,
      (e) => retryAfterOfError.get(e) ?? null,
    );
  const qido = async (signal: AbortSignal | undefined): Promise<QidoRequest> => {
    assertAllowedHost(DICOMWEB, base, options.allowedOrigins);
    return { baseUrl: base, headers: await headers(), timeoutMs, signal };
  };
  const streamMultipart = async (
    url: string,
    what: string,
    signal: AbortSignal | undefined,
    onPart: (bytes: Uint8Array, index: number) => void | Promise<void>,
    copy: boolean,
  ): Promise<number> => {
    assertAllowedHost(DICOMWEB, url, options.allowedOrigins);
    let reader: MultipartReader | undefined;
    let count = 0;
    await httpGetStream(
      {
        service: DICOMWEB,
        url,
        accept: ACCEPT_ANY_TRANSFER_SYNTAX,
        headers: await headers(),
        timeoutMs,
        signal,
        what,
        fetchImpl,
      },
      {
        start(contentType) {
          if (!/^multipart\//i.test(contentType)) {
            throw new DicomWebError(
              'bad-response',
              `${what} from ${new URL(url).host} answered ${contentType || 'no Content-Type'} instead of multipart/related DICOM`,
            );
          }
          reader = new MultipartReader(contentType, copy);
        },
        async chunk(bytes) {
          for (const part of reader?.push(bytes) ?? []) await onPart(part.body, count++);
        },
      },
    );
    reader?.end();
    return count;
  };
  const getMultipart = async (
    url: string,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<Uint8Array[]> => {
    const parts: Uint8Array[] = [];
    await streamMultipart(
      url,
      what,
      signal,
      (bytes) => {
        parts.push(bytes);
      },
      true,
    );
    return parts;
  };
  const store = async (
    studyUid: string,
    instances: readonly Uint8Array[],
    signal: AbortSignal | undefined,
  ): Promise<void> => {
    const url = `${base}/studies/${enc(studyUid)}`;
    assertAllowedHost(DICOMWEB, url, options.allowedOrigins);
    if (instances.length === 0)
      throw new DicomWebError('bad-response', 'nothing to store: no instances given');
    const body = multipartRelated(instances);
    const what = 'the STOW-RS store';
    const res = await limit.run(async () =>
      httpPost(
        {
          service: DICOMWEB,
          url,
          accept: 'application/dicom+json',
          headers: await headers(),
          timeoutMs,
          signal,
          what,
          fetchImpl: fetchImpl ?? fetch,
        },
        body,
      ),
    );
    // 202 is a partial store: some instances were refused (FailedSOPSequence, PS3.18 10.5.3).
    if (res.status !== 200) {
      throw new DicomWebError(
        'upstream-status',
        `${what} to ${new URL(url).host} answered HTTP ${res.status}: not every instance was stored`,
        { status: res.status },
      );
    }
  };
  const seriesUrl = (ref: SeriesRef): string =>
    `${base}/studies/${enc(ref.studyInstanceUid)}/series/${enc(ref.seriesInstanceUid)}`;
  return {
    store,
    searchSeries: (studyUid, query = {}, signal) =>
      guarded(signal, async () => searchSeries(await qido(signal), enc(studyUid), query)),
    searchInstances: (ref, signal) =>
      guarded(signal, async () =>
        searchInstances(await qido(signal), enc(ref.studyInstanceUid), enc(ref.seriesInstanceUid)),
      ),
    retrieveSeries: (ref, signal) =>
      guarded(signal, () => getMultipart(seriesUrl(ref), 'the series retrieval', signal)),
    streamSeries: (ref, onInstance, signal) =>
      guarded(signal, () =>
        streamMultipart(seriesUrl(ref), 'the series retrieval', signal, onInstance, false),
      ),
    retrieveInstance: (ref, sopUid, signal) =>
      guarded(signal, async () => {
        const parts = await getMultipart(
          `${base}/studies/${enc(ref.studyInstanceUid)}/series/${enc(ref.seriesInstanceUid)}/instances/${enc(sopUid)}`,
          'the instance retrieval',
          signal,
        );
        if (parts.length !== 1) {
          throw new DicomWebError(
            'bad-response',
            `the instance retrieval answered ${parts.length} parts instead of 1`,
          );
        }
        return parts[0];
      }),
  };
}

/** A multipart/related body of Part 10 instances, as STOW-RS takes it (PS3.18 10.5.1.1). */
export function multipartRelated(instances: readonly Uint8Array[]): HttpBody {
  const boundary = `bonemet-${randomBytes(12).toString('hex')}`;
  const text = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const bytes of instances) {
    chunks.push(
      text.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      bytes,
      text.encode('\r\n'),
    );
  }
  chunks.push(text.encode(`--${boundary}--\r\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out, contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
}

/** Summary of a series from a QIDO-RS answer. */
export interface SeriesSummary extends SeriesRef {
  readonly modality: string | undefined;
  readonly instanceCount: number | undefined;
  readonly description: string | undefined;
}

/** Reads the fields of a QIDO-RS series dataset. */
export function summariseSeries(studyInstanceUid: string, ds: DicomJson): SeriesSummary | undefined {
  const seriesInstanceUid = jsonString(ds, '0020000E');
  if (seriesInstanceUid === undefined) return undefined;
  return {
    studyInstanceUid,
    seriesInstanceUid,
    modality: jsonString(ds, '00080060'),
    instanceCount: jsonNumber(ds, '00201209'),
    description: jsonString(ds, '0008103E'),
  };
}

/**
 * The CT series of a study to read when none is named: the CT series with the most instances. Throws
 * {@link DicomError} `empty-series` when the study has no CT series.
 */
export async function chooseCtSeries(
  source: DicomWebSource,
  studyInstanceUid: string,
  signal?: AbortSignal,
): Promise<SeriesRef> {
  const all = (await source.searchSeries(studyInstanceUid, {}, signal))
    .map((ds) => summariseSeries(studyInstanceUid, ds))
    .filter((s): s is SeriesSummary => s !== undefined && s.modality === 'CT');
  if (all.length === 0) {
    throw new DicomError('empty-series', `study ${studyInstanceUid} has no CT series on the DICOMweb server`);
  }
  all.sort((a, b) => (b.instanceCount ?? 0) - (a.instanceCount ?? 0));
  return { studyInstanceUid, seriesInstanceUid: all[0].seriesInstanceUid };
}
