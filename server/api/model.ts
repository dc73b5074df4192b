/**
 * `GET /api/model`: the service's model artifact as JSON, for the SMART app's nomogram and model card. The
 * artifact is public (coefficients, nomogram chart, curves, metrics, what trained it) and holds no patient data
 * of the service's users.
 */
import type { RequestHandler } from 'express';
import type { ModelArtifact } from '../../src/index.ts';

/** The handler answering the artifact, cacheable for an hour and revalidated by its id and version. */
export function modelHandler(model: ModelArtifact): RequestHandler {
  const body = JSON.stringify(model);
  const etag = `"${model.id}@${model.version}"`;
  return (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  };
}
