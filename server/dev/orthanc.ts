import { spawn } from 'node:child_process';
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
import { ensureDebianPackages } from './debian-packages.ts';

/**
 * A real Orthanc (Debian packages `orthanc`, `orthanc-dicomweb`, `orthanc-gdcm`) for the demo stack and the
 * integration tests: installed when missing (server/dev/debian-packages.ts), started on loopback (a free port
 * unless one is given) with the DICOMweb plugin and a storage folder (temporary unless one is given, then kept
 * between starts), stopped by PID.
 */

const ORTHANC_BIN_CANDIDATES = ['/usr/sbin/Orthanc', '/usr/bin/Orthanc'];
const PLUGIN_DIR = '/usr/share/orthanc/plugins';
const DICOMWEB_PLUGIN = join(PLUGIN_DIR, 'libOrthancDicomWeb.so');
const GDCM_PLUGIN = join(PLUGIN_DIR, 'libOrthancGdcm.so');
/** Orthanc with DICOMweb and GDCM transcoding, and DCMTK (dcmcjpeg makes JPEG lossless test copies). */
const PACKAGES = ['orthanc', 'orthanc-dicomweb', 'orthanc-gdcm', 'dcmtk'];

function orthancBinary(): string | undefined {
  return ORTHANC_BIN_CANDIDATES.find((p) => existsSync(p));
}

/** Makes sure Orthanc, its DICOMweb plugin and DCMTK are installed (apt-get as root when missing). */
export function ensureOrthancInstalled(): Promise<void> {
  return ensureDebianPackages({
    what: 'Orthanc with its DICOMweb plugin',
    packages: PACKAGES,
    installed: () =>
      orthancBinary() !== undefined && existsSync(DICOMWEB_PLUGIN) && existsSync('/usr/bin/dcmcjpeg'),
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
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

/** True once `child` has exited; false when it is still running after `ms`. */
export function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** Where and how to start Orthanc (everything optional). */
export interface OrthancOptions {
  /** Keep the storage here between starts (default: a temporary folder removed on stop). */
  readonly storageDir?: string;
  /** Listen on this port (default, or 0: a free one). */
  readonly port?: number;
}

async function startOnce(bin: string, options: OrthancOptions): Promise<OrthancServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bonemet-orthanc-'));
  const storage = options.storageDir ?? join(dir, 'storage');
  mkdirSync(storage, { recursive: true });
  const port = options.port === undefined || options.port === 0 ? await freeLoopbackPort() : options.port;
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
export async function startOrthanc(options: OrthancOptions = {}): Promise<OrthancServer> {
  await ensureOrthancInstalled();
  const bin = orthancBinary();
  if (bin === undefined) throw new Error('the Orthanc binary is missing after installation');
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(bin, options);
    } catch (e) {
      last = e;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
