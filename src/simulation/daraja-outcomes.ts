// The simulators' magic MSISDN endings: an STK push's phone number or a B2C payout's number chooses the Daraja result.

/** One row of an outcome table: a number ending with `suffix` gets this result; the row with a null suffix is the default. */
export interface DarajaOutcome { suffix: string | null; result_code: number; result_desc: string; label: string }

/**
 * The planned outcome for an MSISDN: null when it ends with `neverSuffix` (it never reports), else the first row whose
 * suffix it ends with, else the table's last row (success).
 */
export function outcomeByEnding<T extends DarajaOutcome>(table: readonly T[], neverSuffix: string, msisdn: string): T | null {
  const digits = msisdn.replace(/\D/g, '');
  if (digits.endsWith(neverSuffix)) return null;
  return table.find((o) => o.suffix && digits.endsWith(o.suffix)) ?? table.at(-1)!;
}
