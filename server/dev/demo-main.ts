/**
 * `npm start`: starts the demo stack, prints where everything is, and on Ctrl-C (or SIGTERM) stops every
 * process it started (Orthanc by PID) before exiting.
 */
import { resolve } from 'node:path';
import { startDemoStack } from './demo-stack.ts';

export async function runDemo(options: {
  readonly servicePort: number;
  readonly fhirPort: number;
  readonly orthancPort: number;
  readonly cacheDir?: string;
}): Promise<number> {
  const started = Date.now();
  let stack;
  try {
    stack = await startDemoStack({
      ...options,
      ...(options.cacheDir === undefined ? {} : { cacheDir: resolve(options.cacheDir) }),
    });
  } catch (e) {
    process.stderr.write(`demo: could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const s = stack;
  process.stdout.write(
    [
      '',
      `BoneMet Risk demo stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (synthetic patients; the demo model is trained on synthetic data: not for clinical use)`,
      '',
      `  EHR page (start here)   ${s.ehrUrl}`,
      `  CDS Hooks discovery     ${s.serviceUrl}/cds-services`,
      `  SMART app               ${s.serviceUrl}/app/launch.html?iss=${encodeURIComponent(s.fhirUrl)}  (standalone launch)`,
      `  FHIR server (SMART)     ${s.fhirUrl}`,
      `  DICOMweb (Orthanc)      ${s.dicomWebUrl}`,
      '',
      'Demo patients:',
      ...s.patients.map(
        (p) =>
          `  ${p.id.padEnd(38)} ${p.name.padEnd(22)} ${p.scenario.padEnd(20)} expected: ${p.expectedCategory}`,
      ),
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  return new Promise((done) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      process.stderr.write('demo: stopping\n');
      void s.stop().then(() => done(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
