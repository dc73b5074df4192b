import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import { makeCohort } from '../../src/synth/cohort.ts';
import { InProcessRunner } from '../../server/analysis/analysis-runner.ts';
import { HOOK, startCdsStack } from '../support/cds-stack.ts';

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/**
 * The CDS hook on loopback, with a real FHIR server and Orthanc holding a synthetic patient (512x512 chest CT
 * with its T6 SEG), side by side in one run:
 * - the raw transfer of her CT series (one WADO-RS request, bytes only), the floor of any cold answer;
 * - cold hooks (empty analysis cache, FHIR read, CT retrieved and analysed, card), median of 5;
 * - warm hooks (the analysis cached; FHIR read with the token, card) under load: autocannon, 10 connections,
 *   10 s, each request with its own client JWT (the replay cache refuses reuse), p50/p95 and requests/s.
 */
export async function benchHook(): Promise<void> {
  const stack = await startCdsStack();
  const servers: Server[] = [];
  try {
    const p = makeCohort(1)[0];
    const patientId = await stack.store(p, true);
    const body = JSON.stringify(stack.hookBody(patientId));

    const bundle = (await (
      await fetch(`${stack.fhir.baseUrl}/ImagingStudy?patient=${patientId}`)
    ).json()) as {
      entry: { resource: { identifier: { value: string }[]; series: { uid: string }[] } }[];
    };
    const imagingStudy = bundle.entry[0].resource;
    const seriesUrl = `${stack.orthanc.dicomWebUrl}/studies/${imagingStudy.identifier[0].value.replace('urn:oid:', '')}/series/${imagingStudy.series[0].uid}`;
    const raw: number[] = [];
    let rawBytes = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(seriesUrl, {
        headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
      });
      const bytes = (await res.arrayBuffer()).byteLength;
      raw.push(performance.now() - t0);
      if (res.status !== 200 || bytes < 1e6)
        throw new Error(`raw retrieval answered HTTP ${res.status}, ${bytes} bytes`);
      rawBytes = bytes;
    }

    const cold: number[] = [];
    let url = '';
    for (let i = 0; i < 5; i++) {
      const app = stack.makeApp({ runner: new InProcessRunner() });
      const server = app.listen(0, '127.0.0.1');
      servers.push(server);
      await new Promise<void>((r) => server.once('listening', () => r()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${HOOK}`;
      const t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.jwt()}` },
        body,
      });
      const json = (await res.json()) as { cards: { summary: string }[] };
      cold.push(performance.now() - t0);
      if (!/bone-metastasis risk (?:[<>] )?\d+ %/.test(json.cards[0]?.summary ?? ''))
        throw new Error(`cold hook answered ${JSON.stringify(json)}`);
    }

    // Warm: the last app has the analysis cached. One signed token per request. With prefetch (what EHRs send:
    // no FHIR request) and without (the FHIR server queried on every hook).
    const tokens: string[] = [];
    for (let i = 0; i < 16_000; i++) tokens.push(await stack.jwt());
    let next = 0;
    const get = async (path: string): Promise<unknown> =>
      (await fetch(`${stack.fhir.baseUrl}/${path}`)).json();
    const studiesBundle = (await get(`ImagingStudy?patient=${patientId}`)) as {
      entry: { resource: { endpoint?: { reference: string }[] } }[];
    };
    for (const ref of studiesBundle.entry.flatMap((e) => e.resource.endpoint ?? [])) {
      studiesBundle.entry.push({ resource: (await get(ref.reference)) as object });
    }
    const prefetch = {
      patient: await get(`Patient/${patientId}`),
      observations: await get(`Observation?patient=${patientId}`),
      conditions: await get(`Condition?patient=${patientId}`),
      imagingStudies: studiesBundle,
    };
    const load = (requestBody: string, duration: number): Promise<autocannon.Result> =>
      autocannon({
        url,
        method: 'POST',
        connections: 10,
        duration,
        headers: { 'content-type': 'application/json' },
        body: requestBody,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` },
            }),
          },
        ],
      });
    const withPrefetch = await load(JSON.stringify(stack.hookBody(patientId, { prefetch })), 10);
    const result = await load(body, 5);
    const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;
    console.log(
      'hook: patient-view on loopback (Medplum FHIR + Orthanc, 512x512 chest CT with a T6 SEG, 1197 features)',
    );
    console.log(
      `  raw WADO-RS transfer of the CT series (${(rawBytes / 1e6).toFixed(1)} MB): median ${fmt(percentile(raw, 50))}`,
    );
    console.log(
      `  cold hook (empty cache): median ${fmt(percentile(cold, 50))} (${cold.map(fmt).join(', ')}), ${(percentile(cold, 50) / percentile(raw, 50)).toFixed(1)}x the raw transfer`,
    );
    const line = (r: autocannon.Result): string =>
      `p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p97.5 ${r.latency.p97_5} ms, ${r.requests.average.toFixed(0)} req/s, non-2xx ${r.non2xx}, errors ${r.errors}`;
    console.log(`  warm hook, prefetch given (10 connections): ${line(withPrefetch)}`);
    console.log(`  warm hook, FHIR server queried (10 connections): ${line(result)}`);
  } finally {
    for (const s of servers) s.close();
    await stack.stop();
  }
}
