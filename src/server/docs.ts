// The contract, served: GET /openapi.json and /openapi.yaml as built by `npm run contract:build`, and GET /docs,
// Swagger UI (swagger-ui-dist from npm, served from here: no CDN) whose "try it" calls this sandbox.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Router } from 'express';
import { productDocument, controlDocument, type OpenApiDocument } from '../contracts/document.ts';
import type { WorldRegistry } from '../worlds/registry.ts';
import { worldServers, type ServerEntry } from './docs-worlds.ts';
import { withSeededExamples, serveGuides, TRY_IT_BAR, TRY_IT_CSS, TRY_IT_SCRIPT } from './docs-try-it.ts';

const contractYaml = fileURLToPath(new URL('../../contracts/openapi.yaml', import.meta.url));
// Its folder only: requiring the package itself would evaluate the whole Swagger UI bundle (about a second at start).
const swaggerUiDir = (createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string)();

const originOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/**
 * The viewer's copy of a document: this sandbox as its first server, so that "try it" calls the sandbox that
 * served the page. jsonSchemaDialect is left out because Swagger UI shows a warning for any non-default value
 * (ours is plain 2020-12, which the viewer renders the same way).
 */
function pointedAt(doc: OpenApiDocument, origin: string, here: ServerEntry[] = [{ url: origin, description: 'this sandbox' }]): OpenApiDocument {
  const { jsonSchemaDialect: _dialect, ...rest } = doc;
  const others = ((doc.servers as { url: string }[] | undefined) ?? []).filter((s) => s.url !== origin);
  return { ...rest, servers: [...here, ...others] } as OpenApiDocument;
}

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>CoinPool API · coinpool-sandbox</title>
  <link rel="icon" href="/favicon.ico" type="image/svg+xml">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <style>body { margin: 0 } ${TRY_IT_CSS}</style>
</head>
<body>
  ${TRY_IT_BAR}
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// Two documents in the selector: the product API, and the sandbox's own control API.
// ?world=ID (the dashboard's "try it in this world") is passed on: that world's server comes first in the documents.
const init = `const world = new URLSearchParams(location.search).get('world');
const q = world ? '?world=' + encodeURIComponent(world) : '';
window.ui = SwaggerUIBundle({
  urls: [
    { url: '/docs/openapi.json' + q, name: 'CoinPool API' },
    { url: '/docs/sandbox-control.json' + q, name: 'coinpool-sandbox control API' }
  ],
  'urls.primaryName': 'CoinPool API',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  tryItOutEnabled: true,
  // Off: Swagger UI's default badge loads https://validator.swagger.io/validator?url=<this page's document>
  // whenever the page is not on localhost, which would send the sandbox's URL to an outside host.
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout'
});
${TRY_IT_SCRIPT}`;

/** `worlds`: the sandbox's worlds, offered as servers (src/server/docs-worlds.ts). */
export function docsRouter(worlds?: WorldRegistry): Router {
  const here = (req: Request) => (worlds ? worldServers(worlds, originOf(req), typeof req.query.world === 'string' ? req.query.world : undefined) : undefined);
  const router = express.Router();
  const yaml = readFileSync(contractYaml, 'utf8');
  router.get('/openapi.json', (_req, res) => { res.json(productDocument); });
  router.get('/openapi.yaml', (_req, res) => { res.type('application/yaml').send(yaml); });
  router.get(['/docs', '/docs/'], (_req, res) => { res.type('html').send(page); });
  router.get('/docs/init.js', (_req, res) => { res.type('text/javascript').send(init); });
  // Made on the first docs visit, not at start: a deep copy of the whole contract (start time, see bench/start-time.ts).
  let tryable: typeof productDocument | undefined;
  router.get('/docs/openapi.json', (req, res) => { res.json(pointedAt((tryable ??= withSeededExamples(productDocument)), originOf(req), here(req))); });
  router.get('/docs/sandbox-control.json', (req, res) => { res.json(pointedAt(controlDocument, originOf(req), here(req))); });
  router.use('/docs/assets', express.static(swaggerUiDir, { index: false }));
  serveGuides(router);
  return router;
}
