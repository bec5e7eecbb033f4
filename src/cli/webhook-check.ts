// `coinpool-sandbox webhook-check --url URL --secret S [--stale-seconds N] [--timeout ms] [--report-json file]
// [--junit file] [--quiet]`: the partner's webhook receiver against every event type (src/contract-runner/webhook-check.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { webhookCheck } from '../contract-runner/webhook-check.ts';
import { renderJUnit, renderTable } from '../contract-runner/report.ts';

export const WEBHOOK_CHECK_USAGE = `coinpool-sandbox webhook-check --url URL --secret S [--stale-seconds 3600] [--timeout ms]
    [--report-json file] [--junit file] [--quiet]
  Sends your webhook receiver one signed event of every type, the same event again (a duplicate delivery), one with a
  bad signature and one with a timestamp outside the tolerance; exit code 1 unless it answered 2xx, 2xx, 4xx, 4xx.`;

const value = (args: string[], name: string): string | undefined => {
  const i = args.lastIndexOf(name);
  if (i >= 0) return args[i + 1];
  return args.findLast((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const write = (path: string, text: string) => { mkdirSync(dirname(path), { recursive: true }); writeFileSync(path, text); };

export async function webhookCheckCommand(args: string[]): Promise<void> {
  if (args.includes('--help')) { console.log(WEBHOOK_CHECK_USAGE); return; }
  const url = value(args, '--url');
  const secret = value(args, '--secret');
  if (!url || !secret) { console.error(`--url and --secret are required\n${WEBHOOK_CHECK_USAGE}`); process.exitCode = 2; return; }
  const report = await webhookCheck({
    url, secret,
    staleSeconds: value(args, '--stale-seconds') ? Number(value(args, '--stale-seconds')) : undefined,
    timeoutMs: value(args, '--timeout') ? Number(value(args, '--timeout')) : undefined,
  });
  if (!args.includes('--quiet')) console.log(renderTable(report, { color: process.stdout.isTTY }));
  else console.log(`${report.summary.passed} passed, ${report.summary.failed} failed`);
  const jsonPath = value(args, '--report-json');
  if (jsonPath) write(jsonPath, JSON.stringify(report, null, 2) + '\n');
  const junitPath = value(args, '--junit');
  if (junitPath) write(junitPath, renderJUnit(report, 'webhook-check'));
  process.exitCode = report.summary.failed ? 1 : 0;
}
