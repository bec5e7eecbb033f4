// Pricing as an admin: an FX quote (the example's fixed expires_at may already be past by the server's clock, so
// none is sent: the quote does not expire), and a pricing profile this run creates and then updates (updating a
// profile someone else owns could break the rules between its fields, or other tests).
import { play, type FlowRunner } from './runner.ts';

export const PRICING_OPS = ['createFxRateQuote', 'updatePricingProfile'];

export async function pricingFlow(runner: FlowRunner): Promise<void> {
  await play(runner, PRICING_OPS, async () => {
    const admin = runner.user('admin', 'createFxRateQuote');
    await runner.step('createFxRateQuote', { as: admin, body: { expires_at: undefined } });
    const profile = await runner.step('createPricingProfile', { as: admin });
    await runner.step('updatePricingProfile', { as: admin, params: { id: profile.id } });
  });
}
