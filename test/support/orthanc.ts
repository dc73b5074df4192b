import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  openSync,
  closeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Orthanc (Debian packages `orthanc`, `orthanc-dicomweb`, `orthanc-gdcm`) for integration tests:
 * installed when missing (as root, with apt-get, under a lock shared by parallel test files), started on a
 * free loopback port with a temporary storage folder and the DICOMweb plugin, stopped by PID.
 */

const ORTHANC_BIN_CANDIDATES = ['/usr/sbin/Orthanc', '/usr/bin/Orthanc'];
const PLUGIN_DIR = '/usr/share/orthanc/plugins';
const DICOMWEB_PLUGIN = join(PLUGIN_DIR, 'libOrthancDicomWeb.so');
const GDCM_PLUGIN = join(PLUGIN_DIR, 'libOrthancGdcm.so');
/** Orthanc with DICOMweb and GDCM transcoding, and DCMTK (dcmcjpeg makes JPEG lossless test copies). */
const PACKAGES = ['orthanc', 'orthanc-dicomweb', 'orthanc-gdcm', 'dcmtk'];
const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;
const LOCK_PATH = join(tmpdir(), 'bonemet-orthanc-install.lock');

function orthancBinary(): string | undefined {
  return ORTHANC_BIN_CANDIDATES.find((p) => existsSync(p));
}

function isInstalled(): boolean {
  return orthancBinary() !== undefined && existsSync(DICOMWEB_PLUGIN) && existsSync('/usr/bin/dcmcjpeg');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the install lock (a file created exclusively, holding our PID); a lock whose holder died is taken over. */
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
        throw new Error(`timed out waiting for the Orthanc install lock ${LOCK_PATH} held by PID ${holder}`);
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

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function runApt(args: string[]): void {
  const res = spawnSync('apt-get', args, {
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    // RUNLEVEL=1 keeps the package's init script from starting a system-wide Orthanc.
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

/**
 * Makes sure Orthanc and its DICOMweb plugin are installed: nothing to do when they are; as root, runs
 * `apt-get update` then `apt-get install -y orthanc orthanc-dicomweb orthanc-gdcm dcmtk` under a lock (waiting
 * for dpkg's own lock too); otherwise throws saying what to install.
 */
export async function ensureOrthancInstalled(): Promise<void> {
  if (isInstalled()) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      `Orthanc is not installed and these tests are not running as root, so they cannot install it; run: sudo apt-get install -y ${PACKAGES.join(' ')}`,
    );
  }
  await withInstallLock(() => {
    if (isInstalled()) return;
    runApt(['-o', 'DPkg::Lock::Timeout=600', 'update']);
    runApt(['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...PACKAGES]);
    if (!isInstalled()) {
      throw new Error(
        `apt-get installed ${PACKAGES.join(' ')} but ${DICOMWEB_PLUGIN} or the Orthanc binary is still missing`,
      );
    }
  });
}

/** A free TCP port on the loopback interface (bound then released). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A running Orthanc. */
export interface OrthancServer {
  /** HTTP base, e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** DICOMweb root, e.g. http://127.0.0.1:41234/dicom-web */
  readonly dicomWebUrl: string;
  readonly pid: number;
  /** Uploads one Part 10 file (POST /instances); returns Orthanc's instance id. */
  upload(bytes: Uint8Array): Promise<string>;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s), waits for it to exit and removes its storage. */
  stop(): Promise<void>;
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

async function startOnce(bin: string): Promise<OrthancServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bonemet-orthanc-'));
  const storage = join(dir, 'storage');
  mkdirSync(storage);
  const port = await freeLoopbackPort();
  const plugins = [DICOMWEB_PLUGIN, ...(existsSync(GDCM_PLUGIN) ? [GDCM_PLUGIN] : [])];
  const config = {
    Name: 'BONEMET_TEST',
    StorageDirectory: storage,
    IndexDirectory: storage,
    HttpPort: port,
    HttpServerEnabled: true,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomServerEnabled: false,
    DicomPort: 0,
    SaveJobs: false,
    ConcurrentJobs: 1,
    HttpThreadsCount: 8,
    StableAge: 1,
    Plugins: plugins,
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Host: '127.0.0.1', Ssl: false },
  };
  const configPath = join(dir, 'orthanc.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const logPath = join(dir, 'orthanc.log');
  const logFd = openSync(logPath, 'w');
  const child = spawn(bin, [configPath], { stdio: ['ignore', logFd, logFd], detached: false });
  closeSync(logFd);
  const pid = child.pid ?? -1;
  const baseUrl = `http://127.0.0.1:${port}`;
  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitExit(child, 5_000);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = readFileSafe(logPath).split('\n').slice(-20).join('\n');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Orthanc exited during start-up (code ${child.exitCode}):\n${log}`);
    }
    try {
      const res = await fetch(`${baseUrl}/system`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        await res.arrayBuffer();
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const log = readFileSafe(logPath).split('\n').slice(-20).join('\n');
      await cleanup();
      throw new Error(`Orthanc did not answer GET /system within 30 s:\n${log}`);
    }
    await sleep(50);
  }
  return {
    baseUrl,
    dicomWebUrl: `${baseUrl}/dicom-web`,
    pid,
    async upload(bytes: Uint8Array): Promise<string> {
      const res = await fetch(`${baseUrl}/instances`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/dicom' },
        body: bytes,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`Orthanc refused the upload: HTTP ${res.status} ${text}`);
      const parsed: unknown = JSON.parse(text);
      const id = typeof parsed === 'object' && parsed !== null && 'ID' in parsed ? parsed.ID : undefined;
      return typeof id === 'string' ? id : '';
    },
    stop: cleanup,
  };
}

/**
 * Installs Orthanc if needed and starts one on a free loopback port (DICOMweb plugin on, remote access
 * off, authentication off, DICOM port off); resolves once `GET /system` answers. Retries twice when the
 * chosen port was taken in between.
 */
export async function startOrthanc(): Promise<OrthancServer> {
  await ensureOrthancInstalled();
  const bin = orthancBinary();
  if (bin === undefined) throw new Error('the Orthanc binary is missing after installation');
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(bin);
    } catch (e) {
      last = e;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
