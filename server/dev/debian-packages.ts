/**
 * Debian packages the demo stack and the tests need (Orthanc, redis-server, chromium), installed when missing:
 * as root with apt-get, under a lock file shared by parallel processes (a lock whose holder died is taken
 * over), waiting for dpkg's own lock too. Not root and missing: an error naming the command to run.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;
const LOCK_PATH = join(tmpdir(), 'bonemet-apt-install.lock');

/** What to install and how to tell it is there. */
export interface DebianPackages {
  /** For messages, e.g. "Orthanc with its DICOMweb plugin". */
  readonly what: string;
  readonly packages: readonly string[];
  /** True when everything needed is present (files checked, nothing run). */
  readonly installed: () => boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

async function withInstallLock<T>(work: () => T): Promise<T> {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = openSync(LOCK_PATH, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      const holder = Number(readFileSafe(LOCK_PATH));
      if (!Number.isInteger(holder) || holder <= 0 || !processAlive(holder)) {
        rmSync(LOCK_PATH, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for the install lock ${LOCK_PATH} held by PID ${holder}`);
      }
      await sleep(500);
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK_PATH, { force: true });
  }
}

function runApt(args: readonly string[]): void {
  const res = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    // RUNLEVEL=1 keeps the packages' init scripts from starting system-wide servers.
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' },
  });
  if (res.status !== 0) {
    const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    const why = res.error
      ? res.error.message
      : `exit code ${res.status ?? 'none'} (signal ${res.signal ?? 'none'})`;
    throw new Error(`apt-get ${args.join(' ')} failed: ${why}\n${tail}`);
  }
}

let updated = false;

/** Installs `spec.packages` unless `spec.installed()`; throws a message naming the command when it cannot. */
export async function ensureDebianPackages(spec: DebianPackages): Promise<void> {
  if (spec.installed()) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      `${spec.what} is not installed and this process is not root, so it cannot install it; run: sudo apt-get install -y ${spec.packages.join(' ')}`,
    );
  }
  await withInstallLock(() => {
    if (spec.installed()) return;
    if (!updated) runApt(['update']);
    updated = true;
    runApt(['install', '-y', '--no-install-recommends', ...spec.packages]);
    if (!spec.installed()) {
      throw new Error(`apt-get installed ${spec.packages.join(' ')} but ${spec.what} is still missing`);
    }
  });
}
