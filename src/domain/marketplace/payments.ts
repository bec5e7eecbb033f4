// The customer's money for an order: the M-Pesa STK push of an on-ramp order, and the in-app stablecoin send from a
// custodial wallet (send-payment).
import type { InitiateOrderPaymentRequest } from '../../../contracts/generated/types.js';
import type { World } from '../../kernel/world.ts';
import type { Principal } from '../../auth/principal.ts';
import { conflict, forbidden, unprocessable, illegalTransition, insufficientBalance } from '../../kernel/errors.ts';
import { getWallet } from '../wallets.ts';
import { available, balanceRow, move, payToAddress } from '../ledger.ts';
import { dec, fmt8 } from '../../kernel/money.ts';
import Decimal from 'decimal.js';
import { chainOf } from '../../simulation/ports/chain.ts';
import { stkOf, type StkPushResult } from '../../simulation/ports/mpesa-stk.ts';
import type { Network } from '../../kernel/addresses.ts';
import { getOrder, msisdnDigits } from './orders.ts';
import { isOnRamp } from './order-machine.ts';
import { awaitingPrompt, detectDeposit } from './order-flow.ts';
import { ORDER_STK_PURPOSE, REQUIRED_CONFIRMATIONS } from './config.ts';
import { orders, type OrderRow } from './tables.ts';

function requireCustomer(principal: Principal, order: OrderRow, what: string): void {
  if (principal.userId !== order.customer_id) throw forbidden(`forbidden: only the order's customer may ${what}`);
}

/** Daraja's AccountReference is at most 12 characters: the order id's first 12 hex digits. */
export const accountReference = (orderId: string): string => orderId.replace(/-/g, '').slice(0, 12).toUpperCase();
/** Daraja takes whole shillings: fiat_amount rounded half up, at least 1. */
export const wholeShillings = (fiat: string): string => Decimal.max(dec(fiat).toDecimalPlaces(0, Decimal.ROUND_HALF_UP), 1).toFixed(0);

export function initiateOrderPayment(world: World, principal: Principal, input: InitiateOrderPaymentRequest):
  { order: OrderRow; amount: string; push: StkPushResult } {
  const order = getOrder(world, input.order_id);
  requireCustomer(principal, order, 'pay it');
  if (order.order_type !== 'ON_RAMP_BUY') throw unprocessable(`an M-Pesa STK payment is only for ON_RAMP_BUY orders; this order is ${order.order_type}`);
  if (order.payment_method !== 'mpesa') throw unprocessable(`the order's payment_method is ${order.payment_method}, not mpesa`);
  if (order.fiat_currency !== 'KES') throw unprocessable(`M-Pesa collects KES; the order is in ${order.fiat_currency}`);
  if (order.status !== 'pending') throw illegalTransition(`order is ${order.status}; cannot start a payment`, order.status);
  if (Date.parse(order.expires_at) <= world.clock.nowMs()) throw conflict(`order expired at ${order.expires_at}; cannot start a payment`, order.status);
  if (awaitingPrompt(world, order.id)) throw conflict('payment in progress: an M-Pesa prompt for this order awaits its callback', order.status);
  const phone = msisdnDigits(input.phone_number);
  const amount = wholeShillings(order.fiat_amount);
  const push = stkOf(world).startPush({ phone_number: phone, amount, account_reference: accountReference(order.id), purpose: ORDER_STK_PURPOSE, reference_id: order.id });
  const next = orders(world).update(order.id, {
    merchant_request_id: push.merchant_request_id, checkout_request_id: push.checkout_request_id, payment_phone_number: phone, updated_at: world.nowIso(),
  });
  return { order: next, amount, push };
}

export interface SendPaymentResult { transaction_hash: string; status: 'pending'; estimated_confirmations: number; network: Network; message: string }

export function sendOrderPayment(world: World, principal: Principal, orderId: string, walletId: string): SendPaymentResult {
  const order = getOrder(world, orderId);
  requireCustomer(principal, order, 'send its payment');
  const wallet = getWallet(world, walletId);
  if (wallet.user_id !== principal.userId) throw forbidden('forbidden: the wallet is not yours');
  const onRamp = isOnRamp(order);
  const ready = onRamp ? order.status === 'pending' : order.status === 'awaiting_crypto' && !order.deposit_detected_at;
  if (!ready) throw illegalTransition(`order is ${order.status}; cannot send a payment`, order.status);
  const network = onRamp ? order.network : order.escrow_network!;
  if (wallet.network !== network) throw unprocessable(`wallet ${wallet.id} is on ${wallet.network}; the order needs ${network}`);
  const have = available(balanceRow(world, wallet.id, order.asset));
  if (have.lt(order.crypto_amount)) throw insufficientBalance(`insufficient balance: ${order.asset} available ${fmt8(have)}, needed ${order.crypto_amount}`);
  const hash = chainOf(world).newTxHash(network);
  const reference = `order ${order.id} send-payment`;
  if (onRamp) {
    payToAddress(world, wallet.id, order.wallet_address, order.asset, order.crypto_amount, reference);
  } else {
    move(world, wallet.id, order.escrow_wallet_id!, order.asset, order.crypto_amount, reference);
    detectDeposit(world, order, hash, world.clock.nowMs());
  }
  return {
    transaction_hash: hash, status: 'pending', estimated_confirmations: REQUIRED_CONFIRMATIONS[network], network,
    message: `${order.asset} transfer initiated successfully. Waiting for blockchain confirmation.`,
  };
}
