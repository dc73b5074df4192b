/**
 * The built SMART app (app/dist, `npm run build:app`) under `/app/`: hashed assets cached for a year, pages
 * never cached, and any other path under `/app/` answered with the app's index page (its screens are routes of
 * one page). The app runs inside EHR iframes and calls the EHR's FHIR server, so its pages replace helmet's
 * defaults with their own policy: framing by any origin (or those configured) and connections to http(s)
 * servers; scripts only from the service. A missing build answers 503 saying how to build it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Response } from 'express';

/** Where `npm run build:app` writes the app. */
export const APP_DIST = fileURLToPath(new URL('../app/dist', import.meta.url));

export interface AppStaticOptions {
  /** The built app's folder (default app/dist). */
  readonly dir?: string;
  /** Origins allowed to frame the app (CSP frame-ancestors; default any). */
  readonly frameAncestors?: readonly string[];
}

/** The router serving the app; mount it at `/app`. */
export function appStatic(options: AppStaticOptions = {}): express.Router {
  const dir = options.dir ?? APP_DIST;
  const ancestors = options.frameAncestors?.join(' ') ?? '*';
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' https: http:",
    "base-uri 'self'",
    "object-src 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  const router = express.Router();
  router.use((_req, res, next) => {
    res.removeHeader('X-Frame-Options');
    res.setHeader('Content-Security-Policy', policy);
    next();
  });
  const setHeaders = (res: Response, path: string): void => {
    res.setHeader(
      'Cache-Control',
      path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  };
  router.use(express.static(dir, { index: 'index.html', redirect: true, setHeaders }));
  router.get('/{*rest}', (_req, res) => {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The SMART app is not built: run npm run build:app');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
