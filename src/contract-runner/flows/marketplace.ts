// The marketplace in dependency order: a vendor publishes a SELL offer; a customer opens ON_RAMP_BUY orders against
// it (without the example's pricing pair: it is all-or-none and must match the flow), reads one, pays one by M-Pesa
// STK push (the callback arrives 5 s of sandbox clock later), pays another from a custodial wallet, cancels a third.
import { play, StepFailed, type FlowRunner } from './runner.ts';

export const MARKETPLACE_OPS = ['createOffer', 'createOrder', 'getOrderDetails', 'initiateOrderPayment', 'sendOrderPayment', 'cancelOrder'];

export async function marketplaceFlow(runner: FlowRunner): Promise<void> {
  await play(runner, MARKETPLACE_OPS, async () => {
    const vendor = runner.user('vendor', 'createOffer');
    const customer = runner.user('customer', 'createOrder');
    const wallet = runner.wallet(customer, 'tron');
    if (!wallet) throw new StepFailed('createOrder', `needs a TRON wallet of ${customer.name}, and none was learnt`);
    const offer = await runner.step('createOffer', { as: vendor, body: { vendor_id: vendor.userId, offer_type: 'SELL', min_order: '1.00', max_order: '1500.00' } });
    // The order's stablecoin goes to the customer's own TRON wallet (the vendor's TRON balance backs the lock).
    await runner.faucet(wallet.id, 'USDT', '100');
    const order = (usdt: string) => runner.step('createOrder', {
      as: customer,
      body: {
        customer_id: customer.userId, vendor_id: vendor.userId, offer_id: offer.id, order_type: 'ON_RAMP_BUY', payment_method: 'mpesa',
        usdt_amount: usdt, fiat_amount: (Number(usdt) * Number(offer.rate)).toFixed(2), fiat_currency: 'KES',
        wallet_address: wallet.address, pricing_profile_id: undefined, fx_rate_quote_id: undefined, expires_at: undefined,
      },
    });
    const paidByStk = await order('100.00');
    await runner.step('getOrderDetails', { as: customer, params: { id: paidByStk.id } });
    // A phone number ending in anything the sandbox does not reserve for a failure: the prompt succeeds.
    await runner.step('initiateOrderPayment', { as: customer, body: { order_id: paidByStk.id, phone_number: '254727648169' } });
    await runner.advance(6);
    const paidFromWallet = await order('5.00');
    await runner.step('sendOrderPayment', { as: customer, params: { order_id: paidFromWallet.id }, body: { wallet_id: wallet.id, confirm: true } });
    const cancelled = await order('2.00');
    await runner.step('cancelOrder', { as: customer, params: { id: cancelled.id } });
  });
}
