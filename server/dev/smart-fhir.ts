/**
 * Runs the dev FHIR server with its SMART authorization server on a fixed loopback port, for trying the SMART
 * app by hand (smart-config/README.md, "Local stack"), loading the transaction bundles that `bonemet synth`
 * wrote (`<folder>/<patient>/bundle.json`). Stops on SIGINT/SIGTERM.
 *
 *   node --import tsx server/dev/smart-fhir.ts --port 8090 --app http://127.0.0.1:3000/app/ --bundles synthetic/
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFhirServer } from './fhir-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    app: { type: 'string', default: 'http://127.0.0.1:3000/app/' },
    'client-id': { type: 'string', default: 'bonemet-risk' },
    bundles: { type: 'string' },
    'token-lifetime': { type: 'string', default: '3600' },
  },
});

const appUrl = values.app.endsWith('/') ? values.app : `${values.app}/`;
const fhir = await startFhirServer({
  port: Number(values.port),
  smartAuth: {
    clients: [{ clientId: values['client-id'], redirectUris: [appUrl] }],
    tokenLifetimeSeconds: Number(values['token-lifetime']),
  },
});
const loaded: string[] = [];
if (values.bundles !== undefined) {
  for (const name of readdirSync(values.bundles).sort()) {
    const file = join(values.bundles, name, 'bundle.json');
    if (!statSync(join(values.bundles, name)).isDirectory()) continue;
    const [patientId] = await fhir.transaction(JSON.parse(readFileSync(file, 'utf8')));
    loaded.push(`${name}: Patient/${patientId}`);
  }
}
const origin = new URL(fhir.baseUrl).origin;
process.stdout.write(
  [
    `FHIR server with SMART authorization: ${fhir.baseUrl}`,
    `  discovery: ${fhir.baseUrl}/.well-known/smart-configuration`,
    ...loaded.map((l) => `  ${l}`),
    `EHR launch: ${origin}/ehr/launch?app=${encodeURIComponent(`${appUrl}launch.html`)}&patient=<patient id>`,
    `Standalone launch: ${appUrl}launch.html?iss=${encodeURIComponent(fhir.baseUrl)}`,
    '',
  ].join('\n'),
);
const stop = (): void => {
  void fhir.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
