import express, { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../http/errors';
import { parseQuery } from '../http/validate';
import type { ImportService } from './import.service';

const querySchema = z.object({ dryRun: z.enum(['true', 'false']).default('true') }).strict();

/**
 * POST /api/import?dryRun=true|false with Content-Type text/csv or application/x-ndjson (up to
 * 50 MB). Dry run is the default: it reports what would be imported and every rejected row.
 */
export function importRoutes(imports: ImportService): Router {
  const router = Router();
  router.post('/', express.text({ type: ['text/csv', 'application/x-ndjson', 'application/jsonl'], limit: '50mb' }), async (req, res) => {
    const type = req.is(['text/csv', 'application/x-ndjson', 'application/jsonl']);
    if (!type || typeof req.body !== 'string') {
      throw new HttpError(415, 'unsupported_media_type', 'Send CSV (text/csv) or JSON lines (application/x-ndjson)');
    }
    const { dryRun } = parseQuery(querySchema, req);
    const report = await imports.run(req.body, type === 'text/csv' ? 'csv' : 'jsonl', dryRun === 'true');
    res.status(report.dryRun || report.stored === 0 ? 200 : 201).json(report);
  });
  return router;
}
