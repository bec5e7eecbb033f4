// GET /__sandbox/ui: the dashboard, a static page that reads and acts only through the /__sandbox control API; its
// scripts (dashboard.js, ui.js, worlds-picker.js, panels.js, panels/*.js), stylesheet and icon are served from this
// folder. The icon is also the server's /favicon.ico, so no page of the sandbox logs a 404 for it.
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

const here = fileURLToPath(new URL('.', import.meta.url));

export function dashboardRouter(): Router {
  const router = express.Router();
  // Mounted before the API handlers: /__sandbox/ui is not a control API operation.
  router.get(['/__sandbox/ui', '/__sandbox/ui/'], (_req, res) => { res.sendFile('page.html', { root: here }); });
  router.get(/^\/__sandbox\/ui\/assets\/((?:panels\/)?[a-z-]+\.(?:js|css|svg))$/, (req, res) => {
    res.sendFile((req.params as Record<string, string>)[0]!, { root: here }, (error) => {
      if (error) res.status(404).json({ error: `no such dashboard file: ${req.path}` });
    });
  });
  router.get('/favicon.ico', (_req, res) => { res.type('image/svg+xml').sendFile('favicon.svg', { root: here }); });
  return router;
}
