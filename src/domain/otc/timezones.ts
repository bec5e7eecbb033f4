// Time zones of negotiated FX references: validation of IANA names with Intl (available in browsers too), default
// zones for the countries and fiat currencies the desk deals in, and "start of the next day in a zone" in UTC.
import { NEGOTIATED_FX_TIMEZONE } from './config.ts';
import { toAlpha3 } from '../pricing/countries.ts';

/** Countries (ISO 3166-1 alpha-3; an alpha-2 input is mapped with toAlpha3) → their default (capital's) time zone. */
const COUNTRY_ZONES: Record<string, string> = {
  KEN: 'Africa/Nairobi', UGA: 'Africa/Kampala', TZA: 'Africa/Dar_es_Salaam', ETH: 'Africa/Addis_Ababa', RWA: 'Africa/Kigali',
  NGA: 'Africa/Lagos', GHA: 'Africa/Accra', ZAF: 'Africa/Johannesburg', USA: 'America/New_York', CAN: 'America/Toronto',
  GBR: 'Europe/London', DEU: 'Europe/Berlin', FRA: 'Europe/Paris', ARE: 'Asia/Dubai',
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
  const country = input.source_country ? toAlpha3(input.source_country) : undefined;
  return (country && COUNTRY_ZONES[country]) || CURRENCY_ZONES[input.fiat_currency] || NEGOTIATED_FX_TIMEZONE;
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
