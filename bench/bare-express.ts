// The baseline of `npm run bench`: a bare express 5 app in its own process that parses the same JSON bodies and
// answers each operation with the body and status the sandbox gave for it (sent by the parent in setup), so the
// comparison is the sandbox's own work against express's floor for the same bytes in and out.
// Run as a child: prints `listening <url>` on stdout; POST /__canned/:op {status, body} sets an answer.
import express from 'express';
import type { AddressInfo } from 'node:net';

const canned = new Map<string, { status: number; body: unknown }>();
const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/__canned/:op', (req, res) => {
  canned.set(req.params.op, { status: req.body.status, body: req.body.body });
  res.status(204).end();
});
app.all('/op/:op', (req, res) => {
  const answer = canned.get(req.params.op);
  if (!answer) { res.status(404).json({ error: `no canned answer for ${req.params.op}` }); return; }
  // Touch the parsed body and the bearer token as a handler would.
  if (req.method !== 'GET' && (typeof req.body !== 'object' || req.body === null)) { res.status(400).json({ error: 'body' }); return; }
  if (req.headers.authorization !== undefined && !req.headers.authorization.startsWith('Bearer ')) { res.status(401).end(); return; }
  // Serialised per request, as the sandbox serialises its answer.
  res.status(answer.status).json(answer.body);
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
