// A typed-enough client of the /__sandbox control API for code that drives a sandbox without writing URLs: the
// in-process library (createSandbox) and the browser entry. Every call is a real control API request (validated and
// logged like one); which method and path an operation has comes from contracts/sandbox-control.yaml, not from here.
// Answers are the JSON the control API documents (shapes in that file).
import { controlDocument } from '../contracts/document.ts';
import { readOperations, type OperationSpec } from '../contracts/operations.ts';

export interface ControlInput {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

/** Sends one request to the sandbox and returns its response (Sandbox.handle, or fetch against a base URL). */
export type Send = (request: Request) => Promise<Response>;

/** A control API answer other than 2xx, with the sandbox's `{"error"}` message. */
export class ControlError extends Error {
  constructor(readonly operationId: string, readonly status: number, readonly body: unknown) {
    super(`${operationId} answered ${status}: ${(body as { error?: string })?.error ?? JSON.stringify(body)}`);
  }
}

let operations: Map<string, OperationSpec> | null = null;
const operationsById = () => (operations ??= new Map(readOperations(controlDocument).map((op) => [op.operationId, op])));

// The answers are JSON described by contracts/sandbox-control.yaml; callers read the fields they need.
type Json = any;

export function controlClient(send: Send, origin = 'http://sandbox.local') {
  async function call(operationId: string, input: ControlInput = {}): Promise<Json> {
    const op = operationsById().get(operationId);
    if (!op) throw new Error(`no control operation ${operationId} (see contracts/sandbox-control.yaml)`);
    const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const value = input.params?.[name];
      if (value === undefined) throw new Error(`${operationId} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const query = input.query ? `?${new URLSearchParams(input.query)}` : '';
    const hasBody = input.body !== undefined;
    const response = await send(new Request(`${origin}${path}${query}`, {
      method: op.method,
      headers: hasBody ? { 'content-type': 'application/json' } : {},
      body: hasBody ? JSON.stringify(input.body) : undefined,
    }));
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ControlError(operationId, response.status, body);
    return body;
  }

  return {
    /** Any control operation by its operationId, e.g. call('resolveStkPrompt', { params: { checkout_request_id }, body: { result_code: 0 } }). */
    call,
    fixtures: () => call('getFixtures'),
    reset: () => call('resetSandbox'),
    clock: {
      now: async (): Promise<string> => (await call('getClock')).now,
      advance: (seconds: number) => call('advanceClock', { body: { seconds } }),
      set: (now: string | Date) => call('setClock', { body: { now: typeof now === 'string' ? now : now.toISOString() } }),
      freeze: () => call('freezeClock'),
      unfreeze: () => call('unfreezeClock'),
    },
    faucet: (body: { wallet_id?: string; address?: string; asset: string; amount: string }) => call('faucet', { body }),
    mpesa: {
      stkPrompts: () => call('listStkPrompts'),
      resolveStk: (checkoutRequestId: string, resultCode: number) =>
        call('resolveStkPrompt', { params: { checkout_request_id: checkoutRequestId }, body: { result_code: resultCode } }),
      payouts: () => call('listB2cPayouts'),
      resolvePayout: (payoutId: string, resultCode: number) =>
        call('resolveB2cPayout', { params: { payout_id: payoutId }, body: { result_code: resultCode } }),
    },
    chain: {
      transactions: () => call('listChainTransactions'),
      fail: (txHash: string, reason?: string) => call('failChainTransaction', { params: { tx_hash: txHash }, body: reason ? { reason } : {} }),
    },
    webhooks: {
      register: (body: { url: string; secret: string; events?: string[] }) => call('registerWebhook', { body }),
      deliveries: () => call('listWebhookDeliveries'),
    },
    /** Injected faults (POST /__sandbox/faults): `faults.add({ match: { operation_id: 'createOrder' }, kind: 'status', status: 503, times: 2 })`. */
    faults: {
      add: (spec: Record<string, unknown>) => call('createFault', { body: spec }),
      list: () => call('listFaults'),
      remove: (id: string) => call('deleteFault', { params: { id } }),
      clear: () => call('clearFaults'),
    },
    /** Runs the real flow behind a webhook event type (POST /__sandbox/events/trigger). */
    trigger: (type: string, to?: string) => call('triggerEvent', { body: to ? { type, to } : { type } }),
    violations: () => call('listViolations'),
    clearViolations: () => call('clearViolations'),
    outbox: () => call('listOutbox'),
    problems: () => call('listProblems'),
  };
}

export type ControlClient = ReturnType<typeof controlClient>;
