// The commands and their options: the one table the CLI's parsing, --help and config file come from. A new flag or
// command is one entry here (its run function may live in its own file). Runs import their code when called, so
// --help and a mistyped flag answer at once.
import type { CommandSpec } from './option-table.ts';
import { DEFAULT_SEED, DEFAULT_START } from '../../fixtures/default-world.ts';

const config = { name: 'config', type: 'string', value: 'FILE', flagOnly: true,
  help: 'read options from this JSON file', defaultText: './coinpool-sandbox.config.json if present' } as const;
const host = { name: 'host', type: 'string', value: 'HOST', default: '127.0.0.1',
  help: 'interface to listen on (0.0.0.0 to accept other machines, e.g. from a container)' } as const;
const quiet = { name: 'quiet', type: 'boolean', default: false, help: 'do not log each request' } as const;

export const COMMANDS: CommandSpec[] = [
  {
    name: 'start',
    summary: 'serve the sandbox (product API, /__sandbox control API, docs, dashboard) over HTTP',
    configFile: true,
    options: [
      { name: 'port', type: 'port', default: 4010, env: 'PORT', help: 'port to listen on (0: any free port)' },
      host,
      { name: 'seed', type: 'integer', default: DEFAULT_SEED, help: 'seed of the generated world: same seed, same ids and data' },
      { name: 'clock', type: 'date', help: 'start the sandbox clock at this time', defaultText: `now; ${DEFAULT_START} with --frozen` },
      { name: 'frozen', type: 'boolean', default: false, help: 'freeze the clock (it moves only through POST /__sandbox/clock)' },
      { name: 'strict', type: 'boolean', default: true, help: 'a response that breaks the contract becomes a 500 naming the violation' },
      { name: 'state', type: 'string', value: 'FILE', help: 'keep every world in FILE (written within a second of a change and on exit, loaded at start)', defaultText: 'none: state is in memory only' },
      { name: 'world-ttl', type: 'string', value: 'DURATION', default: '24h', help: 'created worlds expire after this much real time without a request (90s, 30m, 2d)' },
      { name: 'max-worlds', type: 'integer', value: 'N', default: 100, help: 'how many worlds may be created besides the default one (beyond: 429)' },
      { name: 'cors-origin', type: 'string', value: 'ORIGIN', repeatable: true, help: 'another origin that may call the control API cross-origin (comma list; * for every origin)', defaultText: 'own origin, localhost and 127.0.0.1 on any port' },
      { name: 'latency', type: 'string', value: 'MEDIAN,P99', help: 'seeded random delay on every product response, e.g. 20ms,150ms', defaultText: 'none' },
      quiet,
      config,
    ],
    run: async (values) => (await import('./start-command.ts')).startCommand(values),
  },
  {
    name: 'init-worker',
    summary: 'copy the service worker script browser mode needs into your app\'s public folder',
    positionals: [{ name: '<public-dir>', help: 'the folder your dev server serves at / (e.g. public)', required: true }],
    options: [],
    run: async (_values, positionals) => (await import('./init-worker.ts')).initWorkerCommand(positionals),
  },
  {
    name: 'verify',
    summary: 'play the contract against a running server (yours or the sandbox); exit code 1 on any violation',
    options: [
      { name: 'base-url', type: 'string', value: 'URL', help: 'the server to check (required here or in --config)' },
      { name: 'user', type: 'string', value: 'ROLE=EMAIL:PASSWORD[:PIN]', repeatable: true, help: 'a login to use for a role' },
      { name: 'config', type: 'string', value: 'FILE', help: 'verify settings in JSON or YAML: baseUrl, users, headers, only' },
      { name: 'header', type: 'string', value: '"NAME: VALUE"', repeatable: true, help: 'header sent with every request' },
      { name: 'only', type: 'string', value: 'OP1,OP2', help: 'check only these operation ids', defaultText: 'all' },
      { name: 'fixtures', type: 'boolean', default: true, help: 'read the sandbox fixtures (GET /__sandbox/fixtures) when the server has them' },
      { name: 'register', type: 'boolean', default: true, help: 'register users for roles that have no login' },
      { name: 'timeout', type: 'integer', value: 'MS', help: 'per-request timeout in milliseconds', defaultText: 'the runner\'s' },
      { name: 'report-json', type: 'string', value: 'FILE', help: 'write the full report as JSON' },
      { name: 'junit', type: 'string', value: 'FILE', help: 'write a JUnit XML report' },
      { ...quiet, help: 'print only the summary line' },
      { name: 'world', type: 'boolean', default: true, help: 'against a sandbox, play in a world of its own (--no-world: in its default world)' },
      { name: 'keep-world', type: 'boolean', default: false, help: 'keep verify\'s own world afterwards (its URL is printed on stderr)' },
    ],
    // The runner reads its own flags (src/contract-runner/cli.ts); the table has checked them already.
    run: async (_values, _positionals, raw) => (await import('../contract-runner/cli.ts')).verifyCommand(raw),
  },
  {
    name: 'proxy',
    summary: 'forward requests to a server and check each request and response against the contract',
    configFile: true,
    options: [
      { name: 'target', type: 'string', value: 'URL', help: 'the server to forward to (required)' },
      { name: 'port', type: 'port', default: 4011, help: 'port to listen on' },
      host,
      { name: 'errors', type: 'boolean', default: false, help: 'answer a violation with a 500 naming it instead of passing the response on' },
      quiet,
      config,
    ],
    run: async (values) => (await import('../contract-runner/cli.ts')).proxyCommand(toArgs(values)),
  },
  {
    name: 'trigger',
    summary: 'run the real flow behind a webhook event type in a running sandbox (like `stripe trigger`)',
    positionals: [{ name: '<type>', help: 'order.status_changed, payment.status_changed, payout.status_changed, c2b.payment.settled, otc.deposit.*', required: true }],
    options: [
      { name: 'to', type: 'string', value: 'STATUS', help: 'the status the object should reach (e.g. completed, failed)', defaultText: 'the type\'s usual end' },
      { name: 'url', type: 'string', value: 'URL', env: 'COINPOOL_SANDBOX_URL', default: 'http://127.0.0.1:4010', help: 'the running sandbox' },
      { name: 'json', type: 'boolean', default: false, help: 'print the events and objects as JSON' },
    ],
    run: async (values, positionals) => (await import('./trigger.ts')).triggerCommand([...positionals, ...toArgs(values)]),
  },
  {
    name: 'webhook-check',
    summary: 'check your webhook receiver: a signed event of every type, a duplicate, a bad signature, a stale timestamp',
    options: [
      { name: 'url', type: 'string', value: 'URL', help: 'your receiver (required)' },
      { name: 'secret', type: 'string', value: 'SECRET', help: 'the signing secret your receiver checks (required)' },
      { name: 'stale-seconds', type: 'integer', value: 'N', default: 3600, help: 'age of the timestamp sent in the stale-timestamp case' },
      { name: 'timeout', type: 'integer', value: 'MS', default: 10000, help: 'per-delivery timeout in milliseconds' },
      { name: 'report-json', type: 'string', value: 'FILE', help: 'write the full report as JSON' },
      { name: 'junit', type: 'string', value: 'FILE', help: 'write a JUnit XML report' },
      { ...quiet, help: 'print only the summary line' },
    ],
    run: async (values) => (await import('./webhook-check.ts')).webhookCheckCommand(toArgs(values)),
  },
];

/** Options back to flags, for runners that read flags themselves (the config file's values included). */
function toArgs(values: Record<string, unknown>): string[] {
  return Object.entries(values).flatMap(([name, v]) => {
    if (v === undefined || name === 'config') return [];
    if (typeof v === 'boolean') return v ? [`--${name}`] : [];
    if (Array.isArray(v)) return v.flatMap((x) => [`--${name}`, String(x)]);
    return [`--${name}`, String(v)];
  });
}
