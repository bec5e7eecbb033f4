// Everything a new world runs besides its tables: the simulated external systems (each providing the port the domain
// calls), then the domain areas' wiring, which registers on those ports. The contract check of the Daraja payloads
// the simulators send is provided here because simulations import only the kernel (src/simulation/own-payloads.ts).
import type { World } from './kernel/world.ts';
import { installSimulations } from './simulation/index.ts';
import { installDomain } from './domain/install.ts';
import { PAYLOAD_CHECK, type OutgoingPayload } from './simulation/own-payloads.ts';
import { checkB2cResult, checkStkCallback } from './contracts/events.ts';
import { describeDetails, type ErrorDetail } from './contracts/validation.ts';

const PAYLOAD_SCHEMAS: Record<OutgoingPayload, (body: unknown) => ErrorDetail[]> = {
  'mpesa.stk-callback': checkStkCallback,
  'mpesa.b2c-result': checkB2cResult,
};

export function installWorld(world: World): void {
  world.hooks.provide(PAYLOAD_CHECK, (payload, body) => {
    const violations = PAYLOAD_SCHEMAS[payload](body);
    return violations.length ? describeDetails(violations) : '';
  });
  installSimulations(world);
  installDomain(world);
}
