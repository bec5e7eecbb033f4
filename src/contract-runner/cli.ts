// The `verify` and `proxy` subcommands: flags in, a run out (Node-only: files, ports, exit codes).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { verify } from './verify.ts';
import { renderJUnit, renderTable } from './report.ts';
import { parseUserFlag, type Credential } from './sessions.ts';
import { startProxy } from './proxy.ts';
import { closeOnSignals } from '../server/signals.ts';

function values(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === name && args[i + 1] !== undefined) out.push(args[i + 1]);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out;
}
const value = (args: string[], name: string) => values(args, name).at(-1);

function header(line: string): [string, string] {
  const i = line.indexOf(':');
  if (i <= 0) throw new Error(`--header expects "name: value", got "${line}"`);
  return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()];
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export const VERIFY_USAGE = `coinpool-sandbox verify --base-url URL [--user role=email:password[:pin]]... [--config file.{json,yaml}]
    [--header "name: value"]... [--only op1,op2] [--no-fixtures] [--no-register] [--timeout ms]
    [--report-json file] [--junit file] [--quiet] [--no-world] [--keep-world]
  Plays the contract against the server at URL; exit code 1 on any contract violation. Against a sandbox it runs in
  a world of its own (deleted afterwards; --keep-world keeps it, --no-world uses the default world).`;

export async function verifyCommand(args: string[]): Promise<void> {
  if (args.includes('--help')) { console.log(VERIFY_USAGE); return; }
  const configPath = value(args, '--config');
  const config = configPath ? (parseYaml(readFileSync(configPath, 'utf8')) ?? {}) as {
    baseUrl?: string; users?: Array<Omit<Credential, 'source'>>; headers?: Record<string, string>; only?: string[];
  } : {};
  const baseUrl = value(args, '--base-url') ?? config.baseUrl;
  if (!baseUrl) { console.error(`--base-url is required\n${VERIFY_USAGE}`); process.exitCode = 2; return; }
  const credentials: Credential[] = [
    ...(config.users ?? []).map((u) => ({ ...u, pin: u.pin === undefined ? undefined : String(u.pin), source: 'config' })),
    ...values(args, '--user').map(parseUserFlag),
  ];
  const headers = { ...config.headers, ...Object.fromEntries(values(args, '--header').map(header)) };
  const only = value(args, '--only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? config.only;
  const quiet = args.includes('--quiet');
  const report = await verify({
    baseUrl, credentials, headers, only,
    fixtures: !args.includes('--no-fixtures'),
    register: !args.includes('--no-register'),
    timeoutMs: value(args, '--timeout') ? Number(value(args, '--timeout')) : undefined,
    world: !args.includes('--no-world'),
    keepWorld: args.includes('--keep-world'),
    onWorld: (w) => console.error(`verify runs in its own world ${w.id} (${w.base_url})${w.kept ? ', kept afterwards' : ', deleted afterwards'}`),
  });
  if (!quiet) console.log(renderTable(report, { color: process.stdout.isTTY }));
  else console.log(`${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`);
  const jsonPath = value(args, '--report-json');
  if (jsonPath) write(jsonPath, JSON.stringify(report, null, 2) + '\n');
  const junitPath = value(args, '--junit');
  if (junitPath) write(junitPath, renderJUnit(report));
  process.exitCode = report.summary.failed ? 1 : 0;
}

export const PROXY_USAGE = `coinpool-sandbox proxy --target URL [--port N] [--host H] [--errors] [--quiet]
  Forwards every request to URL and checks request and response against the contract; violations are logged,
  counted in the x-contract-violations header and listed at GET /__sandbox/violations. --errors turns a violation
  into a 500 naming it.`;

export async function proxyCommand(args: string[]): Promise<void> {
  if (args.includes('--help')) { console.log(PROXY_USAGE); return; }
  const target = value(args, '--target');
  if (!target) { console.error(`--target is required\n${PROXY_USAGE}`); process.exitCode = 2; return; }
  const quiet = args.includes('--quiet');
  const proxy = await startProxy({
    target,
    port: Number(value(args, '--port') ?? 4011),
    host: value(args, '--host') ?? '127.0.0.1',
    errors: args.includes('--errors'),
    onExchange: quiet ? undefined : (e) => {
      const count = e.request_violations.length + e.response_violations.length;
      console.log(`${e.at} ${e.method} ${e.path} → ${e.status} ${e.operation_id ?? '-'} ${e.duration_ms}ms${count ? `  ${count} CONTRACT VIOLATION(S)` : ''}`);
      for (const v of [...e.request_violations, ...e.response_violations]) console.log(`    ${v.location} ${v.pointer} ${v.reason}`);
    },
  });
  console.log(`contract validation proxy on ${proxy.url} → ${target}${args.includes('--errors') ? ' (violations become 500s)' : ''}`);
  console.log(`  violations: ${proxy.url}/__sandbox/violations`);
  closeOnSignals(() => proxy.close());
}
