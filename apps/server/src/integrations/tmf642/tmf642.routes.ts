import { Router } from 'express';
import type { Services } from '../../services';

/** Being built for issue 4. */
export function tmf642Routes(_services: Services): Router {
  const router = Router();
  router.use((_req, res) => {
    res.status(501).json({ error: 'not_implemented', message: 'This integration is not available yet' });
  });
  return router;
}
