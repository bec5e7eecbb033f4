// `coinpool-sandbox trigger TYPE [--to STATUS] [--url BASE]` (like `stripe trigger`): asks a running sandbox to run the
// real flow behind an event type (POST /__sandbox/events/trigger) and prints the events and objects it produced.
import { controlClient, ControlError } from '../control/client.ts';

export const TRIGGER_USAGE = `coinpool-sandbox trigger TYPE [--to STATUS] [--url http://127.0.0.1:4010] [--json]
  Runs the flow that produces a webhook event of TYPE in the running sandbox (order.status_changed,
  payment.status_changed, payout.status_changed, c2b.payment.settled, otc.deposit.*); registered endpoints receive it.`;

const value = (args: string[], name: string): string | undefined => {
  const i = args.lastIndexOf(name);
  if (i >= 0) return args[i + 1];
  return args.findLast((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

export async function triggerCommand(args: string[]): Promise<void> {
  const type = args.find((a, i) => !a.startsWith('--') && !['--to', '--url'].includes(args[i - 1]));
  if (!type || args.includes('--help')) { console.log(TRIGGER_USAGE); process.exitCode = type ? 0 : 2; return; }
  const base = (value(args, '--url') ?? process.env.COINPOOL_SANDBOX_URL ?? 'http://127.0.0.1:4010').replace(/\/+$/, '');
  const to = value(args, '--to');
  const control = controlClient((request) => fetch(request), base);
  try {
    const result = await control.call('triggerEvent', { body: to ? { type, to } : { type } });
    if (args.includes('--json')) { console.log(JSON.stringify(result, null, 2)); return; }
    console.log(`triggered ${type}${result.to ? ` (${result.to})` : ''}: ${result.events.length} event(s)`);
    for (const e of result.events as { type: string; at: string; data: { status?: string } }[]) {
      console.log(`  ${e.at}  ${e.type}${e.data.status ? `  → ${e.data.status}` : ''}`);
    }
    for (const [kind, object] of Object.entries(result.objects as Record<string, { id?: string; status?: string } | null>)) {
      console.log(`  ${kind}: ${object?.id ?? ''}${object?.status ? ` (${object.status})` : ''}`);
    }
  } catch (error) {
    if (error instanceof ControlError) { console.error(error.message); process.exitCode = 1; return; }
    console.error(`could not reach the sandbox at ${base}: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
