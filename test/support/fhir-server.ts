/** The FHIR server of the demo stack (server/dev/fhir-server.ts), as the tests have always imported it. */
export { startFhirServer } from '../../server/dev/fhir-server.ts';
export type { FhirServerOptions, FhirTestServer } from '../../server/dev/fhir-server.ts';
