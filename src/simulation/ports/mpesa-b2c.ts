// The M-Pesa B2C payout simulator as the domain calls it: start the fiat payout of an off-ramp order or an OTC
// withdrawal, and name who gets its result. The implementation is src/simulation/mpesa-b2c.ts; a world reaches it
// through b2cOf(world).
import type { World } from '../../kernel/world.ts';
import { hookKey } from '../../kernel/hooks.ts';

/** The Daraja B2C result body posted to the ResultURL (contracts/events/mpesa.b2c-result.json). */
// A type, not an interface, so that it is assignable where the control contract has a free-form object.
export type B2cResult = {
  Result: {
    ResultType: number;
    ResultCode: number;
    ResultDesc: string;
    OriginatorConversationID: string;
    ConversationID: string;
    TransactionID: string;
    ResultParameters?: { ResultParameter: { Key: string; Value: string | number }[] };
  };
};

export type FiatPayoutStatus = 'processing' | 'completed' | 'failed';

export interface FiatPayoutRow {
  id: string;
  /** What is being paid out: `order` or `otc_withdrawal`. */
  purpose: string;
  reference_id: string;
  method: 'mpesa' | 'bank';
  /** MSISDN digits (mpesa) or account number (bank). */
  destination: string;
  amount: string;
  currency: string;
  /** 10 upper-case alphanumerics, like an M-Pesa transaction id (Daraja's TransactionID, on failures too). */
  receipt: string;
  /** Daraja's ids of the request (null for bank payouts). */
  originator_conversation_id: string | null;
  conversation_id: string | null;
  status: FiatPayoutStatus;
  result_code: number | null;
  result_desc: string | null;
  /** The Daraja result body (contracts/events/mpesa.b2c-result.json); null until it reports, and for bank payouts. */
  result: B2cResult | null;
  /** When the result is due; null when it never reports (a `9999` number). */
  resolves_at: string | null;
  started_at: string;
  /** When it succeeded (null otherwise). */
  completed_at: string | null;
  /** When it reported, either way. */
  resolved_at: string | null;
}

export type StartPayoutInput = Pick<FiatPayoutRow, 'purpose' | 'reference_id' | 'method' | 'destination' | 'amount' | 'currency'>;

/** What a payout's result does to what it pays out; registered per purpose. */
export type B2cResultHandler = (world: World, payout: FiatPayoutRow) => void;

export interface MpesaB2cPort {
  /** Records a payout and schedules its result at `reportsAtMs` (never, for an M-Pesa number ending in 9999). */
  startPayout(input: StartPayoutInput, reportsAtMs: number): FiatPayoutRow;
  /** Who gets the result of a payout started for `purpose`. */
  onResult(purpose: string, handler: B2cResultHandler): void;
}

export const MPESA_B2C_PORT = hookKey<MpesaB2cPort>('simulation.mpesa-b2c');
export const b2cOf = (world: World): MpesaB2cPort => world.hooks.use(MPESA_B2C_PORT);
