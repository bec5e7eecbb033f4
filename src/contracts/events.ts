// The schemas of what the sandbox sends out (contracts/events/*.json): partner webhook `data` objects and the Daraja
// STK callback and B2C result. Outgoing payloads are checked against them like responses: a mismatch is a sandbox bug.
import type { ValidateFunction } from 'ajv';
import { toDetails, type ErrorDetail } from './validation.ts';
import { EVENT_DATA_SCHEMAS, OUTGOING_SCHEMAS } from './event-schemas.ts';
import * as precompiled from '../../contracts/generated/events.validators.js';
import { fingerprint } from './validator-plan.ts';
import { runtimeAjv, staleWarning } from './runtime-ajv.ts';

export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS);

let compiled: Record<string, ValidateFunction> | null = null;

/** The build's precompiled validators; compiled here only when contracts/events changed since the last build. */
function validators(): Record<string, ValidateFunction> {
  if (!compiled) {
    if (precompiled.fingerprint === fingerprint(OUTGOING_SCHEMAS)) compiled = precompiled.validators;
    else {
      staleWarning('contracts/events');
      const ajv = runtimeAjv({});
      compiled = Object.fromEntries(Object.entries(OUTGOING_SCHEMAS).map(([key, schema]) => [key, ajv.compile(schema)]));
    }
  }
  return compiled;
}

/** Violations of an event's data; an event type with no schema is itself a violation. */
export function checkEventData(type: string, data: unknown): ErrorDetail[] {
  const validate = (Object.hasOwn(EVENT_DATA_SCHEMAS, type) ? validators()[type] : undefined);
  if (!validate) return [{ location: 'body', pointer: '/', reason: `event type ${type} has no schema in contracts/events` }];
  return validate(data) ? [] : toDetails(validate.errors, 'body');
}

export function checkStkCallback(body: unknown): ErrorDetail[] {
  const validate = validators()['mpesa.stk-callback'];
  return validate(body) ? [] : toDetails(validate.errors, 'body');
}

export function checkB2cResult(body: unknown): ErrorDetail[] {
  const validate = validators()['mpesa.b2c-result'];
  return validate(body) ? [] : toDetails(validate.errors, 'body');
}

export function checkEnvelope(body: unknown): ErrorDetail[] {
  const validate = validators()['webhook-envelope'];
  return validate(body) ? [] : toDetails(validate.errors, 'body');
}
