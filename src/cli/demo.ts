import type { Command } from 'commander';
import { integerOption } from './synth.ts';

interface DemoOptions {
  readonly port: string;
  readonly fhirPort: string;
  readonly orthancPort: string;
  readonly cache?: string;
}

/**
 * Registers `bonemet demo` (`npm start`): the demo stack on loopback, a synthetic hospital with its FHIR server,
 * Orthanc, the CDS service, the SMART app and an EHR page (server/dev/demo-stack.ts, loaded through tsx like the
 * service). Runs until Ctrl-C, then stops every process it started.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run the demo stack: a synthetic hospital on loopback (FHIR server, Orthanc, the CDS service, the SMART app and an EHR page)',
    )
    .option('--port <n>', 'the CDS service, the app and the EHR page', '3000')
    .option('--fhir-port <n>', 'the FHIR server and its SMART authorization server', '8080')
    .option('--orthanc-port <n>', 'Orthanc (DICOMweb)', '8042')
    .option('--cache <dir>', 'cache folder (the cohort, Orthanc storage, the EHR key)', '.cache/demo')
    .action(async (opts: DemoOptions) => {
      const ports = {
        servicePort: integerOption(opts.port, 'port', 0, 65535),
        fhirPort: integerOption(opts.fhirPort, 'fhir-port', 0, 65535),
        orthancPort: integerOption(opts.orthancPort, 'orthanc-port', 0, 65535),
      };
      const { register } = await import('tsx/esm/api');
      register();
      const demo: {
        runDemo: (o: typeof ports & { cacheDir?: string }) => Promise<number>;
      } = await import(new URL('../../server/dev/demo-main.ts', import.meta.url).href);
      process.exitCode = await demo.runDemo({
        ...ports,
        ...(opts.cache === undefined ? {} : { cacheDir: opts.cache }),
      });
    });
}
