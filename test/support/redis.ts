import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from '../../server/dev/debian-packages.ts';
import { freeLoopbackPort, waitExit } from './orthanc.ts';

/**
 * A real redis-server (Debian package `redis-server`, installed when missing) on a free loopback port, with no
 * persistence, for the scale-out tests. It can be stopped and started again on the same port.
 */
export interface RedisTestServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL), waits for it to exit and removes its folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was persisted). */
  restart(): Promise<void>;
}

const BIN = '/usr/bin/redis-server';

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.startsWith('+PONG'));
      }
    });
  });
}

export async function startRedis(): Promise<RedisTestServer> {
  await ensureDebianPackages({
    what: 'redis-server',
    packages: ['redis-server'],
    installed: () => existsSync(BIN),
  });
  const dir = mkdtempSync(join(tmpdir(), 'bonemet-redis-'));
  const port = await freeLoopbackPort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    mkdirSync(dir, { recursive: true });
    const c = spawn(
      BIN,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    child = c;
    const deadline = Date.now() + 15_000;
    while (!(await ping(port))) {
      if (c.exitCode !== null) throw new Error(`redis-server exited with code ${c.exitCode} at start`);
      if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stopChild = async (): Promise<void> => {
    const c = child;
    if (c === undefined) return;
    c.kill('SIGTERM');
    if (!(await waitExit(c, 5000))) {
      c.kill('SIGKILL');
      await waitExit(c, 5000);
    }
    child = undefined;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stopChild();
      await start();
    },
  };
}
