// Money inputs of the OTC desk: decimal strings checked for sign and scale (a 400 naming the field), then normalised.
import { dec, fmt2, fmt8, type Dec } from '../../kernel/money.ts';
import { invalidField } from '../../kernel/errors.ts';

function positive(pointer: string, value: string, places: number, what: string): Dec {
  const d = dec(value);
  if (d.lte(0)) throw invalidField(pointer, 'must be greater than zero');
  if (d.decimalPlaces() > places) throw invalidField(pointer, `must have at most ${places} decimal places (${what})`);
  return d;
}

/** A fiat amount: > 0, at most 2 places → "123.40". */
export const fiatInput = (pointer: string, value: string): string => fmt2(positive(pointer, value, 2, 'fiat'));
/** A crypto amount: > 0, at most 8 places → "1.23000000". */
export const cryptoInput = (pointer: string, value: string): string => fmt8(positive(pointer, value, 8, 'crypto'));
/** A rate (fiat per 1 crypto): > 0, at most 2 places. */
export const rateInput = (pointer: string, value: string): string => fmt2(positive(pointer, value, 2, 'rate'));

/** |a − b| / b in basis points. */
export const bpsApart = (a: string, b: string): Dec => dec(a).minus(b).abs().div(b).times(10_000);
