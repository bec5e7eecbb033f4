// Control handlers of the simulations: webhook endpoints and deliveries, M-Pesa STK prompts and B2C payouts, on-chain sends.
import type { ControlHandlers } from '../http/types.ts';
import { ok, created } from '../http/types.ts';
import { notFound } from '../kernel/errors.ts';
import { registerEndpoint, webhookEndpoints, webhookDeliveries, type WebhookEndpointRow } from '../simulation/webhooks.ts';
import { outbox } from '../simulation/outbox.ts';
import { stkPrompts, resolveStkPrompt, STK_OUTCOMES, NEVER_CALLS_BACK_SUFFIX, type StkPromptRow } from '../simulation/mpesa.ts';
import { listB2cPayouts, resolveB2cPayout } from '../simulation/mpesa-b2c-control.ts';
import { B2C_NEVER_REPORTS_SUFFIX, B2C_OUTCOMES } from '../simulation/mpesa-b2c-outcomes.ts';
import { failSend, listSends, type ChainSendRow } from '../simulation/chain.ts';
import { ORDER_SEND_REFERENCE } from '../domain/marketplace/remittance-chain.ts';
import { TRANSFER_REFERENCE } from '../domain/merchants/transfers.ts';
import type { ChainTransaction } from '../../contracts/generated/control-types.js';

const endpointView = (e: WebhookEndpointRow) => ({ id: e.id, url: e.url, events: e.events, created_at: e.created_at });
export const stkPromptView = ({ id, ...rest }: StkPromptRow) => ({ checkout_request_id: id, ...rest });
// The narrowed reference_type keeps its place among the fields (a key spread earlier keeps its position).
const chainSendView = ({ id, ...rest }: ChainSendRow) => ({ tx_hash: id, ...rest, reference_type: sendReference(rest.reference_type) });

/**
 * The chain simulator keeps a send's reference type as the area that registered it named it; the control contract
 * lists the areas that send on chain (custodial remittance orders, merchant transfers). A new one belongs there too.
 */
function sendReference(type: string): ChainTransaction['reference_type'] {
  if (type === ORDER_SEND_REFERENCE || type === TRANSFER_REFERENCE) return type;
  throw new Error(`chain send of a reference type the control contract does not list: ${type}`);
}

export const simulationControlHandlers: ControlHandlers = {
  registerWebhook: ({ world, body }) => created(endpointView(registerEndpoint(world, body))),
  listWebhooks: ({ world }) => ok(webhookEndpoints(world).all().map(endpointView)),
  deleteWebhook: ({ world, params }) => {
    if (!webhookEndpoints(world).has(params.id)) throw notFound(`no webhook endpoint ${params.id}`);
    webhookEndpoints(world).delete(params.id);
    world.scheduler.cancel('webhook.attempt', (j) => webhookDeliveries(world).get(j.payload.delivery_id as string)?.endpoint_id === params.id);
    return { status: 204 };
  },
  listWebhookDeliveries: ({ world }) => ok(webhookDeliveries(world).all()
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map(({ body, ...d }) => ({ ...d, event: JSON.parse(body) }))),
  listStkPrompts: ({ world }) => ok(stkPrompts(world).all().sort((a, b) => a.created_at.localeCompare(b.created_at)).map(stkPromptView)),
  listStkOutcomes: () => ok([
    ...STK_OUTCOMES.map(({ suffix, result_code, result_desc, label }) => ({ suffix, result_code, result_desc, label })),
    { suffix: NEVER_CALLS_BACK_SUFFIX, result_code: null, result_desc: 'No callback ever arrives; the payment waits until its order expires', label: 'no_callback' },
  ]),
  listOutbox: ({ world }) => ok(outbox(world).all().sort((a, b) => a.sent_at.localeCompare(b.sent_at))),
  resolveStkPrompt: ({ world, params, body }) => ok(stkPromptView(resolveStkPrompt(world, params.checkout_request_id, body.result_code))),
  listB2cOutcomes: () => ok([
    ...B2C_OUTCOMES.map(({ suffix, result_code, result_desc, label }) => ({ suffix, result_code, result_desc, label })),
    { suffix: B2C_NEVER_REPORTS_SUFFIX, result_code: null, result_desc: 'The payout never reports; it stays processing until resolved here', label: 'no_result' },
  ]),
  listB2cPayouts: ({ world }) => ok(listB2cPayouts(world)),
  resolveB2cPayout: ({ world, params, body }) => ok(resolveB2cPayout(world, params.payout_id, body.result_code)),
  listChainTransactions: ({ world, query }) => ok(listSends(world).filter((s) => !query.status || s.status === query.status).map(chainSendView)),
  failChainTransaction: ({ world, params, body }) => ok(chainSendView(failSend(world, params.tx_hash, body?.reason))),
};
