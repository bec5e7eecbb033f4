// What a restored row must look like, table by table. The structure (fields, types, enums, required, nullable)
// comes from contracts/snapshot-rows.json, generated from the TypeScript row types by `npm run snapshot:build`;
// this module adds only what a TypeScript type cannot say: which strings are decimal amounts or timestamps, which
// fields point at rows of another table, and which field holds file bytes (stored once per content in a snapshot).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import generated from '../../contracts/snapshot-rows.json' with { type: 'json' };
import { PLATFORM_USER_ID } from './escrow.ts';

type Schema = Record<string, unknown>;

/** Every table a world can have, with its generated row schema. */
const ROW_SCHEMAS = generated.tables as unknown as Record<string, Schema>;
export const TABLE_NAMES: readonly string[] = Object.keys(ROW_SCHEMAS);
export const isKnownTable = (name: string): boolean => Object.hasOwn(ROW_SCHEMAS, name);

/**
 * Tables a version-1 snapshot always carried (a seeded world has them from the start). A version-2 snapshot lists
 * every table; a version-1 one may leave out tables its world had not used yet, which are then empty.
 */
export const V1_REQUIRED_TABLES: readonly string[] = ['users', 'wallets', 'balances', 'ledger_entries'];

/** Values deeper than this are refused: no row type nests more than a few levels. */
export const MAX_SNAPSHOT_DEPTH = 32;

/** Amount and rate fields: decimal strings (decimal.js reads them; a float or "abc" breaks every later sum). */
const DECIMAL_FIELD = /^(amount|locked_amount|delta|rate|min_order|max_order|fixed_fee|min_fee|max_fee|usdt_total_debit|fiat_amount_equivalent)$|_amount$|_rate$/;
/** C2B payments keep Daraja's raw strings as received; they are not amounts the sandbox computes with. */
const DECIMAL_EXEMPT_TABLES = new Set(['c2b_payments']);
export const DECIMAL_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';

/**
 * Tables whose ids the API serves as UUIDs (the contract's `format: uuid`): any other id would restore, then make
 * every response that shows the row break the contract (a 500).
 */
const UUID_ID_TABLES = new Set(['users', 'wallets', 'balances', 'offers', 'orders', 'transfers', 'otc_deposits', 'otc_withdrawals',
  'multisig_wallets', 'multisig_proposals']);

/** Timestamp fields (`at`, `*_at`): ISO 8601 date-times, as World.nowIso writes them. */
const TIMESTAMP_FIELD = /^(at|.+_at)$/;

/**
 * Fields that hold the id of a row of another table. Users are soft-deleted and wallets, offers, deposits and
 * multisig wallets are never deleted, so these references always resolve in a world the sandbox produced.
 */
const REFERENCES: Record<string, string> = {
  user_id: 'users', vendor_id: 'users', customer_id: 'users', merchant_id: 'users', owner_user_id: 'users',
  parent_vendor_id: 'users', from_user_id: 'users', to_user_id: 'users', signer_user_ids: 'users',
  wallet_id: 'wallets', from_wallet_id: 'wallets', to_wallet_id: 'wallets',
  offer_id: 'offers', deposit_id: 'otc_deposits', multisig_wallet_id: 'multisig_wallets',
};

/** Ids a reference may name without a row: the platform owns the escrow wallets but is no user. */
export const ROWLESS_IDS: Readonly<Record<string, readonly string[]>> = { users: [PLATFORM_USER_ID] };

/** Fields holding file bytes as base64: a version-2 snapshot writes `sha256:<hex>` there and the bytes once under `blobs`. */
export const CONTENT_FIELDS: Readonly<Record<string, string>> = { otc_proof_files: 'base64' };
export const BLOB_REF_PREFIX = 'sha256:';

export interface Reference { field: string; table: string; many: boolean }

const typeIncludes = (schema: Schema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

/** The generated schema of a table with the refinements above applied to its top-level fields. */
function refined(table: string): Schema {
  const base = ROW_SCHEMAS[table];
  const properties: Record<string, Schema> = {};
  for (const [field, schema] of Object.entries(base.properties as Record<string, Schema>)) {
    let s = schema;
    if (field === 'id') s = { ...s, minLength: 1, maxLength: 256, ...(UUID_ID_TABLES.has(table) ? { format: 'uuid' } : {}) };
    else if (CONTENT_FIELDS[table] === field) s = { ...s, minLength: 0 };
    else if (typeIncludes(s, 'string') && !s.enum && DECIMAL_FIELD.test(field) && !DECIMAL_EXEMPT_TABLES.has(table)) s = { ...s, pattern: DECIMAL_PATTERN };
    else if (typeIncludes(s, 'string') && !s.enum && TIMESTAMP_FIELD.test(field)) s = { ...s, format: 'date-time' };
    properties[field] = s;
  }
  return { ...base, properties };
}

/** The reference fields a table's rows carry. */
export function referencesOf(table: string): Reference[] {
  const properties = ROW_SCHEMAS[table]?.properties as Record<string, Schema> | undefined;
  if (!properties) return [];
  return Object.keys(properties).filter((f) => Object.hasOwn(REFERENCES, f))
    .map((field) => ({ field, table: REFERENCES[field], many: typeIncludes(properties[field], 'array') }));
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
let ajv: Ajv2020 | null = null;
const validators = new Map<string, ValidateFunction>();

/** The compiled row validator of a known table (compiled on first use, shared by every sandbox). */
export function rowValidator(table: string): ValidateFunction {
  let validate = validators.get(table);
  if (!validate) {
    if (!ajv) { ajv = new Ajv2020({ allErrors: false, strict: false }); addFormats(ajv); }
    validate = ajv.compile(refined(table));
    validators.set(table, validate);
  }
  return validate;
}
