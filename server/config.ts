/**
 * The service's configuration, from the environment (DESIGN section 15), validated once at start: a bad value
 * stops the server with a message naming the variable. Nothing else reads the environment.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isAllowedOrigin, parseModelArtifact } from '../src/index.ts';
import type { ModelArtifact } from '../src/index.ts';
import type { CdsClient } from './middleware/cds-jwt.ts';

/** The demo model shipped with the project (trained on synthetic data). */
export const DEMO_MODEL_PATH = fileURLToPath(new URL('../models/demo-synthetic.json', import.meta.url));

export interface ServiceConfig {
  readonly port: number;
  /** Base URL as the EHR calls the service, without a trailing slash; the JWT's aud is checked against it. */
  readonly publicUrl: string;
  readonly auth: 'jwt' | 'off';
  readonly cdsClients: readonly CdsClient[];
  readonly fhirAllowList: readonly string[];
  readonly dicomWebAllowList: readonly string[];
  readonly dicomWebDefault: string | undefined;
  readonly modelPath: string;
  readonly model: ModelArtifact;
  readonly corsOrigins: readonly string[];
  readonly hookBudgetMs: number;
  readonly missingInputs: 'card' | 'none';
  /** With several replicas: the Redis that holds the shared result cache and the analysis job queue. */
  readonly redisUrl: string | undefined;
  /** Worker threads that analyse CTs (0: in the service's own thread, which then pauses while it analyses). */
  readonly analysisThreads: number;
}

/** A configuration value that stops the start, naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const origin = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s.replace(/\/+$/, '');
  } catch {
    return false;
  }
}, 'an origin such as https://ehr.example.org (scheme, host and port only)');

const jwk = z.looseObject({ kty: z.string() });
const client = z.union([
  z.strictObject({ iss: z.string().min(1), jwks: z.strictObject({ keys: z.array(jwk).min(1) }) }),
  z.strictObject({ iss: z.string().min(1), jwksUrl: z.url({ protocol: /^https?$/ }) }),
]);

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parse<T>(variable: string, schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ConfigError(variable, z.prettifyError(r.error).replace(/\s+/g, ' ').trim());
  return r.data;
}

function readClients(value: string | undefined): CdsClient[] {
  if (value === undefined || value.trim() === '') return [];
  let json: unknown;
  try {
    const text = value.trim().startsWith('[') ? value : readFileSync(value, 'utf8');
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(
      'BONEMET_CDS_CLIENTS',
      `not a JSON array or a readable JSON file (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return parse('BONEMET_CDS_CLIENTS', z.array(client), json) as CdsClient[];
}

function readModel(path: string): ModelArtifact {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(
      'BONEMET_MODEL',
      `cannot read ${path} as JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  try {
    return parseModelArtifact(json);
  } catch (e) {
    throw new ConfigError(
      'BONEMET_MODEL',
      `${path} is not a valid model artifact: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** The configuration from `env`; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  const port = parse('PORT', z.coerce.number().int().min(0).max(65535), env.PORT ?? '3000');
  const auth = parse('BONEMET_AUTH', z.enum(['jwt', 'off']), env.BONEMET_AUTH ?? 'jwt');
  const publicUrl = parse(
    'BONEMET_PUBLIC_URL',
    z.url({ protocol: /^https?$/ }),
    env.BONEMET_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
  ).replace(/\/+$/, '');
  const cdsClients = readClients(env.BONEMET_CDS_CLIENTS);
  if (auth === 'jwt' && cdsClients.length === 0) {
    throw new ConfigError(
      'BONEMET_CDS_CLIENTS',
      'no trusted CDS client: list at least one issuer with its keys, or set BONEMET_AUTH=off for local development',
    );
  }
  const fhirAllowList = parse('BONEMET_FHIR_ALLOWLIST', z.array(origin), list(env.BONEMET_FHIR_ALLOWLIST));
  const dicomWebAllowList = parse(
    'BONEMET_DICOMWEB_ALLOWLIST',
    z.array(origin),
    list(env.BONEMET_DICOMWEB_ALLOWLIST),
  );
  const dicomWebDefault =
    env.BONEMET_DICOMWEB_DEFAULT === undefined || env.BONEMET_DICOMWEB_DEFAULT === ''
      ? undefined
      : parse('BONEMET_DICOMWEB_DEFAULT', z.url({ protocol: /^https?$/ }), env.BONEMET_DICOMWEB_DEFAULT);
  if (dicomWebDefault !== undefined && !isAllowedOrigin(dicomWebDefault, dicomWebAllowList)) {
    throw new ConfigError(
      'BONEMET_DICOMWEB_DEFAULT',
      `its origin must also be on BONEMET_DICOMWEB_ALLOWLIST`,
    );
  }
  const modelPath =
    env.BONEMET_MODEL === undefined || env.BONEMET_MODEL === '' ? DEMO_MODEL_PATH : env.BONEMET_MODEL;
  return {
    port,
    publicUrl,
    auth,
    cdsClients,
    fhirAllowList: fhirAllowList.map((o) => o.replace(/\/+$/, '')),
    dicomWebAllowList: dicomWebAllowList.map((o) => o.replace(/\/+$/, '')),
    dicomWebDefault,
    modelPath,
    model: readModel(modelPath),
    corsOrigins: parse(
      'BONEMET_CORS_ORIGINS',
      z.array(origin.or(z.literal('*'))),
      list(env.BONEMET_CORS_ORIGINS),
    ),
    hookBudgetMs: parse(
      'BONEMET_HOOK_BUDGET_MS',
      z.coerce.number().int().min(50).max(30_000),
      env.BONEMET_HOOK_BUDGET_MS ?? '450',
    ),
    missingInputs: parse(
      'BONEMET_MISSING_INPUTS',
      z.enum(['card', 'none']),
      env.BONEMET_MISSING_INPUTS ?? 'card',
    ),
    analysisThreads: parse(
      'BONEMET_ANALYSIS_THREADS',
      z.coerce.number().int().min(0).max(64),
      env.BONEMET_ANALYSIS_THREADS ?? '1',
    ),
    redisUrl:
      env.BONEMET_REDIS_URL === undefined || env.BONEMET_REDIS_URL === ''
        ? undefined
        : parse('BONEMET_REDIS_URL', z.url({ protocol: /^rediss?$/ }), env.BONEMET_REDIS_URL),
  };
}
