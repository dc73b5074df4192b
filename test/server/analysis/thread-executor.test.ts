import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { errorCategory, RemoteJobError } from '../../../src/index.ts';
import { makeCohort } from '../../../src/synth/cohort.ts';
import { loadConfig } from '../../../server/config.ts';
import { analysisExecutor } from '../../../server/analysis/patient-analysis.ts';
import { createThreadExecutor } from '../../../server/analysis/thread-executor.ts';
import type { ThreadExecutor } from '../../../server/analysis/thread-executor.ts';
import { parseParams } from '../../../src/radiomics/params.ts';
import { readFileSync } from 'node:fs';
import { phantomOf } from '../../support/cds-stack.ts';
import { storeCtStudy } from '../../support/ct-study.ts';
import type { StoredStudy } from '../../support/ct-study.ts';
import { startOrthanc } from '../../support/orthanc.ts';
import type { OrthancServer } from '../../support/orthanc.ts';
import { PROJECT_ROOT } from '../../support/reference.ts';

/**
 * Analyses in a worker thread give the same result as in the service's thread (a real CT with its SEG from a
 * real Orthanc), carry a failure's category back, and survive their thread's death.
 */
let orthanc: OrthancServer;
let study: StoredStudy;
let threads: ThreadExecutor;
const paramsPath = join(PROJECT_ROOT, 'params', 'study-1197.yaml');

describe('the worker-thread executor', { timeout: 300_000 }, () => {
  before(async () => {
    orthanc = await startOrthanc();
    study = await storeCtStudy(orthanc, phantomOf(makeCohort(1)[0]), 'thread-executor', { seg: true });
  });
  after(async () => {
    await threads?.close();
    await orthanc?.stop();
  });

  it("gives the same result as the service's own thread", async () => {
    const config = loadConfig({
      BONEMET_AUTH: 'off',
      BONEMET_DICOMWEB_ALLOWLIST: new URL(orthanc.baseUrl).origin,
    });
    threads = createThreadExecutor({
      modelPath: config.modelPath,
      paramsPath,
      dicomWebAllowList: config.dicomWebAllowList,
    });
    const job = {
      key: 'k',
      base: orthanc.dicomWebUrl,
      refs: { studyInstanceUid: study.studyInstanceUid },
    };
    const params = parseParams(readFileSync(paramsPath, 'utf8'), paramsPath);
    const [inThread, here] = await Promise.all([
      threads.execute(job),
      analysisExecutor({ config, params })(job),
    ]);
    assert.equal(inThread.status, 'complete');
    // Equal but for the stage timings, which differ run to run.
    assert.deepStrictEqual({ ...inThread, timingsMs: {} }, { ...here, timingsMs: {} });
  });

  it("carries a failure's category back: a DICOMweb server off the allow-list is a bad request", async () => {
    await assert.rejects(
      threads.execute({
        key: 'x',
        base: 'http://127.0.0.9:1/dicom-web',
        refs: { studyInstanceUid: '1.2.3' },
      }),
      (e: unknown) => e instanceof RemoteJobError && errorCategory(e) === 'bad-request',
    );
  });
});
