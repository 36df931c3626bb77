import { Router } from 'express';
import { buildOpenApiDocument } from './openapi.document';
import { DOCS_CSS, renderDocsPage } from './docs-page';

/** GET /api/openapi.json and a browsable docs page at /api/docs. */
export function openApiRoutes(version: string): Router {
  const router = Router();
  let cached: Record<string, unknown> | undefined;
  const doc = (): Record<string, unknown> => (cached ??= buildOpenApiDocument(version));
  router.get('/openapi.json', (_req, res) => {
    res.json(doc());
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(renderDocsPage(doc()));
  });
  router.get('/docs.css', (_req, res) => {
    res.type('css').send(DOCS_CSS);
  });
  return router;
}
