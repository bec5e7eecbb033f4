// The Daraja payloads the simulators send (an STK callback, a B2C result) keep to contracts/events as the sandbox's
// responses keep to the contract. The schemas live with the contracts; simulations import only the kernel, so the
// sandbox provides the check to each world, and a simulator reports a payload that breaks it as a sandbox bug.
import type { World } from '../kernel/world.ts';
import { hookKey } from '../kernel/hooks.ts';

export type OutgoingPayload = 'mpesa.stk-callback' | 'mpesa.b2c-result';

/** Describes how `body` breaks the schema of `payload`; '' when it keeps to it. */
export type PayloadCheck = (payload: OutgoingPayload, body: unknown) => string;

export const PAYLOAD_CHECK = hookKey<PayloadCheck>('simulation.payload-check');

/** Checks a payload about to be sent; `message` words the violation from its description. */
export function checkOwnPayload(world: World, payload: OutgoingPayload, body: unknown, message: (violations: string) => string): void {
  const violations = world.hooks.use(PAYLOAD_CHECK)(payload, body);
  if (violations) world.reportOwnViolation(payload, message(violations));
}
