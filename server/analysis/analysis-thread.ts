/**
 * A worker thread that runs analyses (see thread-executor.ts): the CT is read from the allow-listed DICOMweb
 * server and analysed here, so the service's event loop keeps answering hooks, health checks and the app while
 * a CT is being analysed. Results go back encoded (result-codec.ts) with their buffers transferred; errors as
 * their category and message.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import {
  analyseStudy,
  createDicomWebSource,
  dicomWebImagingSource,
  parseModelArtifact,
  parseParams,
  RemoteJobError,
} from '../../src/index.ts';
import type { StudyRefs } from '../../src/index.ts';
import { encodeResult } from './result-codec.ts';

export interface AnalysisThreadData {
  readonly modelPath: string;
  readonly paramsPath: string;
  readonly dicomWebAllowList: readonly string[];
}

export type AnalysisThreadRequest = { readonly id: number; readonly base: string; readonly refs: StudyRefs };
export type AnalysisThreadReply =
  | { readonly id: number; readonly result: Uint8Array }
  | { readonly id: number; readonly error: { readonly category: string; readonly message: string } };

const data = workerData as AnalysisThreadData;
const model = parseModelArtifact(JSON.parse(readFileSync(data.modelPath, 'utf8')));
const params = parseParams(readFileSync(data.paramsPath, 'utf8'), data.paramsPath);
const port = parentPort;
if (port === null) throw new Error('analysis-thread.ts runs as a worker thread');

port.on('message', (req: AnalysisThreadRequest) => {
  void (async () => {
    try {
      const source = dicomWebImagingSource(
        createDicomWebSource({ baseUrl: req.base, allowedOrigins: data.dicomWebAllowList }),
      );
      const result = await analyseStudy(source, req.refs, { params, model, roi: 'prefer-segmentation' });
      const bytes = encodeResult(result);
      const reply: AnalysisThreadReply = { id: req.id, result: bytes };
      port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
    } catch (e) {
      const reply: AnalysisThreadReply = { id: req.id, error: RemoteJobError.partsOf(e) };
      port.postMessage(reply);
    }
  })();
});
