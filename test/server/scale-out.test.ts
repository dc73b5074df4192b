import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { makeCohort } from '../../src/synth/cohort.ts';
import { cdsResponseViolations } from '../../server/cds/card-schema.ts';
import { HOOK, startCdsStack } from '../support/cds-stack.ts';
import type { CdsStack } from '../support/cds-stack.ts';
import { freeLoopbackPort } from '../support/orthanc.ts';
import { startRedis } from '../support/redis.ts';
import type { RedisTestServer } from '../support/redis.ts';
import { PROJECT_ROOT } from '../support/reference.ts';

/**
 * Several replicas of the service sharing one real redis-server (the result cache and the BullMQ job queue),
 * each its own process, against the real FHIR (Medplum) and DICOMweb (Orthanc) servers: a series is analysed
 * once whichever replica is asked, a dead replica's job is taken by another, and Redis going away mid-run makes
 * the replicas work in process (and say so) without a single server error.
 */

interface Replica {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly log: string[];
  stop(): Promise<void>;
}

let stack: CdsStack;
let redis: RedisTestServer;
const patients: string[] = [];
const replicas: Replica[] = [];

async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const port = await freeLoopbackPort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'test/support/service-replica.ts')],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...stack.env(env), PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log: string[] = [];
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`replica ${name} did not start: ${log.join('')}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) {
        clearTimeout(t);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`replica ${name} exited with ${code}: ${log.join('')}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const replica: Replica = {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  replicas.push(replica);
  return replica;
}

/** Stops every replica started so far (each stop is idempotent). */
const stopAll = (): Promise<unknown> => Promise.all(replicas.map((r) => r.stop()));

async function hook(
  replica: Replica,
  patientId: string,
): Promise<{ status: number; body: { cards: Record<string, unknown>[] } }> {
  const res = await fetch(`${replica.url}${HOOK}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.jwt()}` },
    body: JSON.stringify(stack.hookBody(patientId)),
  });
  return { status: res.status, body: (await res.json()) as { cards: Record<string, unknown>[] } };
}

interface Readiness {
  status: string;
  cache: string;
  redis?: string;
  analysesStarted: number;
}

async function readyz(replica: Replica): Promise<Readiness> {
  return (await (await fetch(`${replica.url}/readyz`)).json()) as Readiness;
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The cards without their per-answer uuids. */
const sameCard = (b: { cards: Record<string, unknown>[] }): string =>
  JSON.stringify(b.cards, (k, v: unknown) => (k === 'uuid' ? undefined : v));

const isRiskCard = (b: { cards: Record<string, unknown>[] }): boolean =>
  /bone-metastasis risk (?:[<>] )?\d+ %/.test(String(b.cards[0]?.summary ?? ''));

describe('the service scaled out over Redis', { timeout: 300_000 }, () => {
  before(async () => {
    [stack, redis] = await Promise.all([startCdsStack(), startRedis()]);
    const cohort = makeCohort(3);
    for (const p of cohort.slice(0, 8)) patients.push(await stack.store(p, true));
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([stack?.stop(), redis?.stop()]);
  });

  it('two replicas, 20 hooks for 5 patients: each series analysed once, every answer the same card', async () => {
    const env = { BONEMET_REDIS_URL: redis.url };
    const [a, b] = await Promise.all([startReplica('a', env), startReplica('b', env)]);
    const five = patients.slice(0, 5);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => hook(i % 2 === 0 ? a : b, five[i % 5]).then((r) => ({ i, r }))),
    );
    for (const { i, r } of answers) {
      assert.equal(r.status, 200, `hook ${i}`);
      assert.deepEqual(cdsResponseViolations(r.body), [], `hook ${i}`);
      assert.ok(isRiskCard(r.body), `hook ${i}: ${String(r.body.cards[0]?.summary)}`);
    }
    for (let p = 0; p < 5; p++) {
      const cards = answers.filter(({ i }) => i % 5 === p).map(({ r }) => sameCard(r.body));
      assert.equal(new Set(cards).size, 1, `patient ${p}: the replicas' cards differ`);
    }
    const [ra, rb] = await Promise.all([readyz(a), readyz(b)]);
    assert.equal(ra.cache, 'redis');
    assert.equal(rb.redis, 'connected');
    assert.equal(ra.analysesStarted + rb.analysesStarted, 5, JSON.stringify({ ra, rb }));
    // Asked again, each replica answers from the shared cache: no new analysis anywhere.
    for (const id of five) {
      assert.equal(sameCard((await hook(b, id)).body), sameCard((await hook(a, id)).body));
    }
    const [ra2, rb2] = await Promise.all([readyz(a), readyz(b)]);
    assert.equal(ra2.analysesStarted + rb2.analysesStarted, 5);
    // The app link's result id is one replica's analysis; the other serves its ROI preview from Redis.
    const link = (answers[0].r.body.cards[0].links as { url: string; appContext?: string }[])[0];
    const id = /[0-9a-f]{32}/.exec(`${link.appContext ?? ''} ${link.url}`)?.[0];
    assert.ok(id !== undefined, JSON.stringify(link));
    for (const r of [a, b]) {
      const png = await fetch(`${r.url}/api/roi-preview/${id}.png`);
      assert.equal(png.status, 200, r.name);
      assert.equal(png.headers.get('content-type'), 'image/png');
    }
    await Promise.all([a.stop(), b.stop()]);
  });

  it("takes a killed replica's job on another replica", async () => {
    await stopAll(); // the replicas of a test that failed would take this test's job
    const lock = { BONEMET_REDIS_URL: redis.url, BONEMET_TEST_LOCK_MS: '2000' };
    const slow = await startReplica('slow', {
      ...lock,
      BONEMET_TEST_DELAY_MS: '30000',
      BONEMET_HOOK_BUDGET_MS: '100',
    });
    const id = patients[5];
    const first = await hook(slow, id);
    assert.equal(first.status, 200);
    assert.match(String(first.body.cards[0].summary), /CT analysis in progress/);
    await until('the slow replica taking the job', 60_000, async () =>
      (await readyz(slow)).analysesStarted === 1 ? true : undefined,
    );
    slow.child.kill('SIGKILL');
    await slow.stop();
    // Nobody asks the new replica anything: its worker finds the dead replica's job stalled and runs it.
    const other = await startReplica('other', lock);
    await until('the job taken from the queue', 90_000, async () =>
      (await readyz(other)).analysesStarted === 1 ? true : undefined,
    );
    const answer = await hook(other, id);
    assert.equal(answer.status, 200);
    assert.ok(isRiskCard(answer.body), String(answer.body.cards[0]?.summary));
    assert.equal((await readyz(other)).analysesStarted, 1);
    await other.stop();
  });

  it('falls back to in process when Redis stops mid-run, says so in /readyz, and never answers 500', async () => {
    await stopAll();
    const env = { BONEMET_REDIS_URL: redis.url };
    const [a, b] = await Promise.all([startReplica('c', env), startReplica('d', env)]);
    const two = patients.slice(6, 8);
    const inFlight = Array.from({ length: 10 }, (_, i) => hook(i % 2 === 0 ? a : b, two[i % 2]));
    await new Promise((r) => setTimeout(r, 150));
    await redis.stop();
    const answers = await Promise.all(inFlight);
    for (const r of answers) {
      assert.equal(r.status, 200);
      assert.deepEqual(cdsResponseViolations(r.body), []);
    }
    for (const r of [a, b]) {
      const ready = await until(`${r.name} noticing`, 10_000, async () => {
        const s = await readyz(r);
        return s.redis === 'unavailable' ? s : undefined;
      });
      assert.equal(ready.cache, 'in-process');
      assert.equal(ready.status, 'degraded');
      const again = await hook(r, two[0]);
      assert.equal(again.status, 200);
      assert.ok(isRiskCard(again.body), String(again.body.cards[0]?.summary));
    }
    assert.ok(
      a.log.concat(b.log).some((line) => line.includes('Redis unreachable')),
      'a replica logs the fallback',
    );
    await redis.restart();
    for (const r of [a, b]) {
      await until(`${r.name} reconnecting`, 15_000, async () =>
        (await readyz(r)).redis === 'connected' ? true : undefined,
      );
    }
    assert.equal((await hook(a, patients[0])).status, 200);
  });
});
