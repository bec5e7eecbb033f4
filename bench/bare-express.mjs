// The baseline for start time: a bare express 5 app answering one JSON route. Usage: node bench/bare-express.mjs PORT
import express from 'express';

const app = express();
app.get('/__sandbox/fixtures', (_req, res) => { res.json({ ok: true }); });
app.listen(Number(process.argv[2]), '127.0.0.1');
