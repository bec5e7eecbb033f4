// Time zones of negotiated FX references: validation of IANA names with Intl (available in browsers too), default
// zones for the countries and fiat currencies the desk deals in, and "start of the next day in a zone" in UTC.
import { NEGOTIATED_FX_TIMEZONE } from './config.ts';

/** Countries (alpha-2 and alpha-3) → their default (capital's) time zone. */
const COUNTRY_ZONES: Record<string, string> = {
  KE: 'Africa/Nairobi', KEN: 'Africa/Nairobi', UG: 'Africa/Kampala', UGA: 'Africa/Kampala',
  TZ: 'Africa/Dar_es_Salaam', TZA: 'Africa/Dar_es_Salaam', ET: 'Africa/Addis_Ababa', ETH: 'Africa/Addis_Ababa',
  RW: 'Africa/Kigali', RWA: 'Africa/Kigali', NG: 'Africa/Lagos', NGA: 'Africa/Lagos', GH: 'Africa/Accra', GHA: 'Africa/Accra',
  ZA: 'Africa/Johannesburg', ZAF: 'Africa/Johannesburg', US: 'America/New_York', USA: 'America/New_York',
  CA: 'America/Toronto', CAN: 'America/Toronto', GB: 'Europe/London', GBR: 'Europe/London', DE: 'Europe/Berlin',
  DEU: 'Europe/Berlin', FR: 'Europe/Paris', FRA: 'Europe/Paris', AE: 'Asia/Dubai', ARE: 'Asia/Dubai',
};
/** Fiat currency → its primary country's zone (EUR has none: the reference falls back to UTC). */
const CURRENCY_ZONES: Record<string, string> = {
  KES: 'Africa/Nairobi', UGX: 'Africa/Kampala', TZS: 'Africa/Dar_es_Salaam', ETB: 'Africa/Addis_Ababa', RWF: 'Africa/Kigali',
  NGN: 'Africa/Lagos', GHS: 'Africa/Accra', ZAR: 'Africa/Johannesburg', USD: 'America/New_York', CAD: 'America/Toronto',
  GBP: 'Europe/London', AED: 'Asia/Dubai',
};

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function chooseTimeZone(input: { timezone?: string; source_country?: string; fiat_currency: string }): string {
  if (input.timezone) return input.timezone;
  return (input.source_country && COUNTRY_ZONES[input.source_country]) || CURRENCY_ZONES[input.fiat_currency] || NEGOTIATED_FX_TIMEZONE;
}

/** Minutes the zone is ahead of UTC at the instant ms. */
function offsetMinutes(zone: string, ms: number): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The UTC instant at which local midnight of `date` (YYYY-MM-DD) happens in `zone`. */
export function startOfDayUtc(date: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d);
  let guess = naive - offsetMinutes(zone, naive) * 60_000;
  guess = naive - offsetMinutes(zone, guess) * 60_000; // second pass for a DST change between the two instants
  return new Date(guess);
}

/** The end of the agreed date in the zone = the start of the next local day. */
export function endOfDayUtc(date: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfDayUtc(next, zone);
}
