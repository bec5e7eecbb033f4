// GET /__sandbox/ui: the dashboard, a static page that reads and acts only through the /__sandbox control API.
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

const here = fileURLToPath(new URL('.', import.meta.url));

export function dashboardRouter(): Router {
  const router = express.Router();
  // Mounted before the API handlers: /__sandbox/ui is not a control API operation.
  router.get(['/__sandbox/ui', '/__sandbox/ui/'], (_req, res) => { res.sendFile('page.html', { root: here }); });
  for (const file of ['dashboard.js', 'dashboard.css', 'faults-panel.js', 'worlds-picker.js']) {
    router.get(`/__sandbox/ui/assets/${file}`, (_req, res) => { res.sendFile(file, { root: here }); });
  }
  return router;
}
