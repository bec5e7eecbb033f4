// Exact money arithmetic. Amounts live in rows as decimal strings and are computed with decimal.js, never floats.
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const dec = (value: Decimal.Value): Dec => new D(value);
/** Crypto amounts: 8 decimal places on the wire. */
export const fmt8 = (value: Decimal.Value): string => new D(value).toFixed(8, Decimal.ROUND_DOWN);
/** Fiat amounts and rates: 2 decimal places on the wire. */
export const fmt2 = (value: Decimal.Value): string => new D(value).toFixed(2, Decimal.ROUND_HALF_UP);
export const sum = (values: Decimal.Value[]): Dec => values.reduce<Dec>((acc, v) => acc.plus(v), new D(0));
export const ZERO8 = '0.00000000';
