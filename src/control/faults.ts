// The control API of injected faults (POST/GET/DELETE /__sandbox/faults) and the product API's interceptor that applies
// them, with `Prefer:` and the latency profile (src/http/interceptors.ts). The request body's shape is checked by the
// control contract; here only what a schema cannot say: that the operation or path exists.
import type { ControlledSandbox } from './controlled-sandbox.ts';
import type { World } from '../kernel/world.ts';
import type { ControlHandlers } from '../http/types.ts';
import { created, ok } from '../http/types.ts';
import { invalidField, notFound } from '../kernel/errors.ts';
import type { CompiledContract } from '../contracts/validation.ts';
import type { FaultSet, FaultSpec } from '../http/faults.ts';
import { productInterceptor, type Intercept } from '../http/interceptors.ts';
import { LatencySource, type LatencyProfile } from '../http/latency.ts';
import { getSettings, updateSettings } from '../domain/settings.ts';

/** The product API's interceptor of one world; `latency` (the --latency flag) becomes the world's starting setting. */
export function faultLayer(world: World, contract: CompiledContract, faults: FaultSet, latency?: LatencyProfile): Intercept {
  if (latency) world.transaction(() => updateSettings(world, { latency }));
  return productInterceptor({ contract, faults, latency: new LatencySource(world.seed), profile: () => getSettings(world).latency });
}

export function faultControlHandlers(sandbox: ControlledSandbox): ControlHandlers {
  return {
    createFault: ({ body }) => {
      const spec: FaultSpec = body;
      const product = sandbox.contract;
      if ('operation_id' in spec.match) {
        const id = spec.match.operation_id;
        if (!product.operations.some((op) => op.operationId === id)) {
          throw invalidField('/match/operation_id', `is not an operation of the CoinPool API: ${id}`);
        }
      } else {
        const { method, path } = spec.match;
        const concrete = product.routes.match(method.toUpperCase(), path);
        const template = product.operations.some((op) => op.method === method.toUpperCase() && op.path === path);
        if (concrete.kind !== 'found' && !template) {
          throw invalidField('/match/path', `no operation of the CoinPool API answers ${method.toUpperCase()} ${path}`);
        }
      }
      if (spec.kind === 'delay' && spec.delay_ms === undefined) throw invalidField('/delay_ms', 'is required for a delay fault');
      return created(sandbox.faults.add(spec));
    },
    listFaults: () => ok(sandbox.faults.list()),
    deleteFault: ({ params }) => {
      if (!sandbox.faults.remove(params.id)) throw notFound(`no fault ${params.id}`);
      return { status: 204 };
    },
    clearFaults: () => { sandbox.faults.clear(); return { status: 204 }; },
  };
}
