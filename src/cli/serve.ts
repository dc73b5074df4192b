import type { Command } from 'commander';

/**
 * Registers `bonemet serve`: the CDS Hooks service and the app's API, configured by the environment (DESIGN
 * section 15). The library never depends on the server: the server is loaded here, by dynamic import, through
 * tsx (it is TypeScript beside the built library), and only when this command runs.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'run the CDS Hooks service (configured by the environment: PORT, BONEMET_PUBLIC_URL, BONEMET_CDS_CLIENTS, ...)',
    )
    .addHelpText(
      'after',
      '\nEnvironment: PORT (3000), BONEMET_PUBLIC_URL, BONEMET_AUTH (jwt|off), BONEMET_CDS_CLIENTS, BONEMET_FHIR_ALLOWLIST, BONEMET_DICOMWEB_ALLOWLIST, BONEMET_DICOMWEB_DEFAULT, BONEMET_MODEL, BONEMET_CORS_ORIGINS, BONEMET_HOOK_BUDGET_MS (450), BONEMET_MISSING_INPUTS (card|none). A bad value stops the start naming the variable.',
    )
    .action(async () => {
      const { register } = await import('tsx/esm/api');
      register();
      const server: { serve: () => Promise<number> } = await import(
        new URL('../../server/main.ts', import.meta.url).href
      );
      process.exitCode = await server.serve();
    });
}
