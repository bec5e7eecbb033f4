// What makes the first "Try it out" on /docs succeed: the login examples carry a seeded user's credentials (the docs'
// own example user does not exist until registered), and a bar above Swagger UI authorizes the page as any seeded
// user in one click (the page logs in through the API and hands the token to Swagger UI), next to links to the
// dashboard and the guides (served under /docs/guides/).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { OpenApiDocument } from '../contracts/document.ts';
import { FIXTURE_PASSWORD, FIXTURE_PIN, FIXTURE_USERS } from '../../fixtures/default-world.ts';

const TRY_AS = FIXTURE_USERS.find((u) => u.key === 'alice')!;

type Node = Record<string, any>;

/** The document with the login operations' request examples set to a seeded user's credentials. */
export function withSeededExamples(doc: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(doc) as Node;
  const examples: Record<string, (media: Node) => void> = {
    loginUser: (m) => { m.example = { email: TRY_AS.email, password: FIXTURE_PASSWORD }; delete m.examples; },
    loginUserWithPin: (m) => {
      delete m.example;
      m.examples = { email: { summary: `${TRY_AS.key} by email`, value: { email: TRY_AS.email, pin: FIXTURE_PIN } },
        phone: { summary: `${TRY_AS.key} by phone`, value: { phone_number: TRY_AS.phone_number, pin: FIXTURE_PIN } } };
    },
  };
  for (const item of Object.values(copy.paths as Node)) {
    for (const op of Object.values(item as Node)) {
      const media = (op as Node)?.requestBody?.content?.['application/json'];
      if (media && examples[(op as Node).operationId]) examples[(op as Node).operationId]!(media);
    }
  }
  return copy as OpenApiDocument;
}

/** The seeded users the bar offers, one per role (and both customers). */
export const SEEDED_LOGINS = FIXTURE_USERS.map((u) => ({ key: u.key, role: u.role, email: u.email }));

/** The bar's markup: filled by the init script. */
export const TRY_IT_BAR = `<div id="try-it-bar">
  <strong>coinpool-sandbox</strong>
  <span class="try-label">Authorize as</span><span id="authorize-as"></span>
  <span id="authorized-as" role="status"></span>
  <nav><a href="/__sandbox/ui">Dashboard</a> <a href="/docs/guides/">Guides</a> <a href="/__sandbox/fixtures">Fixtures</a></nav>
</div>`;

export const TRY_IT_CSS = `#try-it-bar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; padding: 8px 20px; background: #1f2933; color: #fff; font: 14px system-ui, sans-serif; }
#try-it-bar .try-label { color: #b8c4ce; margin-left: 12px; }
#try-it-bar button { font: inherit; font-size: 13px; padding: 2px 10px; border-radius: 12px; border: 1px solid #4c5a67; background: #2d3a46; color: #fff; cursor: pointer; }
#try-it-bar button[aria-pressed="true"] { background: #49cc90; border-color: #49cc90; color: #102a1c; }
#try-it-bar nav { margin-left: auto; } #try-it-bar nav a { color: #8fc3ff; margin-left: 14px; }
#authorized-as { color: #b8f0d0; }`;

/** Appended to Swagger UI's init: the one-click authorization. */
export const TRY_IT_SCRIPT = `
const SEEDED = ${JSON.stringify(SEEDED_LOGINS)};
const PASSWORD = ${JSON.stringify(FIXTURE_PASSWORD)};
const holder = document.getElementById('authorize-as');
for (const user of SEEDED) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = user.key === user.role ? user.key : user.key + ' (' + user.role + ')';
  button.dataset.user = user.key;
  button.title = 'log in as ' + user.email + ' and use its token in "Try it out"';
  button.addEventListener('click', async () => {
    const status = document.getElementById('authorized-as');
    try {
      const res = await fetch('/api/v1/users/login', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: PASSWORD }) });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error || res.status);
      window.ui.preauthorizeApiKey('bearerAuth', body.access_token);
      for (const b of holder.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
      status.textContent = 'authorized as ' + user.email + ' (token valid 15 min)';
      document.body.dataset.authorizedAs = user.key;
    } catch (error) {
      status.textContent = 'could not log in as ' + user.email + ': ' + error.message;
    }
  });
  holder.append(button);
}
`;

const root = fileURLToPath(new URL('../../', import.meta.url));
const GUIDES = () => ['README.md', ...readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GET /docs/guides/: the README and docs/*.md as plain text, with an index page. */
export function serveGuides(router: Router): void {
  router.get('/docs/guides/', (_req, res) => {
    const items = GUIDES().map((f) => `<li><a href="/docs/guides/${f.replace(/^docs\//, '')}">${f}</a></li>`).join('');
    res.type('html').send(`<!doctype html><meta charset="utf-8"><title>coinpool-sandbox guides</title><h1>Guides</h1><ul>${items}</ul><p><a href="/docs">API docs</a> · <a href="/__sandbox/ui">Dashboard</a></p>`);
  });
  router.get(/^\/docs\/guides\/([a-z-]+\.md)$/i, (req, res) => {
    const name = (req.params as Record<string, string>)[0]!;
    const file = GUIDES().find((f) => f === name || f === `docs/${name}`);
    if (!file) { res.status(404).json({ error: `no such guide: ${name}` }); return; }
    res.type('text/plain; charset=utf-8').send(readFileSync(`${root}${file}`, 'utf8'));
  });
}
