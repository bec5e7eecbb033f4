// Cross-tenant isolation, over HTTP: every object that has an owner is set up by its owner, then every operation that
// reads or acts on one object (path id, or an owner's id/wallet named in the body) is called by every seeded or created
// user who is neither the owner, a documented party nor staff for it. Each such call must be refused with the status the
// operation documents (403 for role or ownership, 404 where the docs/notes say so, 422 where they say so), must not
// carry the owner's identifiers (ids, emails, phones, addresses) beyond what the caller itself sent, and must change
// nothing in the store. List endpoints must never show a non-staff caller another tenant's rows.
// The operations come from the contract, so a new operation fails the first test until it is probed or listed below.
import { beforeAll, describe, expect, test } from 'vitest';
import { useServer } from '../support/server.ts';
import { fixtures, logins, type SeededUser } from '../support/seeded.ts';
import { productDocument } from '../../src/contracts/document.ts';
import { readOperations, type OperationSpec } from '../../src/contracts/operations.ts';
import { remittanceDrafts } from '../../src/domain/marketplace/tables.ts';

const ctx = useServer();
const operations = readOperations(productDocument);
const opById = new Map(operations.map((op) => [op.operationId, op]));

// ---- who calls -------------------------------------------------------------------------------------------------
/** Seeded users, a second master merchant with its sub-merchant (created through the API), a `merchant`-role user. */
type Who = SeededUser | 'vendor2' | 'sub2' | 'merch';
const CALLERS: Who[] = ['admin', 'treasury', 'officer', 'vendor', 'subvendor', 'alice', 'bob', 'vendor2', 'sub2', 'merch'];
const ROLE: Record<Who, string> = {
  admin: 'admin', treasury: 'treasury', officer: 'otc_officer', vendor: 'vendor', subvendor: 'subvendor', alice: 'customer',
  bob: 'customer', vendor2: 'vendor', sub2: 'subvendor', merch: 'merchant',
};
const OTC_STAFF: Who[] = ['admin', 'treasury', 'officer'];
const MERCHANTS: Who[] = ['vendor', 'subvendor', 'vendor2', 'sub2', 'merch'];

const token = {} as Record<Who, string>;
/** Everything that identifies a user: id, email, phone (with and without +), wallet ids and addresses. */
const ident = {} as Record<Who, { id: string; email: string; phone: string; wallets: { id: string; network: string; address: string }[] }>;
const idsOf = (w: Who) => { const u = ident[w]; return [u.id, u.email, u.phone, u.phone.replace('+', ''), ...u.wallets.flatMap((x) => [x.id, x.address])]; };
const walletOf = (w: Who, network = 'tron') => ident[w].wallets.find((x) => x.network === network)!;

/** Objects set up by their owners, with the users documented as parties to them (staff aside). */
const obj = {} as Record<string, { id: string; parties: Who[] }>;

const EXTERNAL_TRON = 'TYmTU4xnMt5d88F7S9791a131Qpz34FwEc'; // a valid address outside the books (the clock is frozen: never confirms)
function pdfForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new TextEncoder().encode('%PDF-1.7\nintruder')], { type: 'application/pdf' }), 'intruder.pdf');
  return form;
}

// ---- calling -------------------------------------------------------------------------------------------------
interface Request { method: string; path: string; body?: unknown; form?: () => FormData }
const requestText = (r: Request) => `${r.path} ${JSON.stringify(r.body ?? {})}`.toLowerCase();
const send = (who: Who, r: Request) => ctx.api.call(r.method, r.path, { token: token[who], body: r.body, raw: r.form?.() });
const journal = () => ctx.server.sandbox.world.journal.version;

/** The identifiers in a response that the caller did not send itself. */
function leaks(text: string, secrets: string[], sent: string): string[] {
  const lower = text.toLowerCase();
  return [...new Set(secrets)].filter((s) => s && lower.includes(s.toLowerCase()) && !sent.includes(s.toLowerCase()));
}

/** The request of an operation with its path parameters filled and its body (the contract example, owner fields set). */
function req(operationId: string, params: Record<string, string> = {}, body?: Record<string, unknown> | 'none', query = ''): Request {
  const op = opById.get(operationId)!;
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => params[name] ?? `{${name}}`) + query;
  const media = op.requestBody?.content['application/json'] as { example?: Record<string, unknown> } | undefined;
  if (body === 'none' || !op.requestBody || op.requestBody.content['multipart/form-data']) return { method: op.method, path };
  return { method: op.method, path, body: { ...(media?.example ?? {}), ...body } };
}

// ---- probes ---------------------------------------------------------------------------------------------------
/**
 * One object, one operation: every caller outside `allowed` is refused. A caller whose role is not in the operation's
 * x-roles gets the pipeline's 403; the others get `denied` (the ownership answer the operation documents).
 */
interface Probe {
  op: string;
  what: string;
  /** Built per caller: some probes name the caller itself beside the foreign object. */
  request: (who: Who) => Request;
  allowed: Who[];
  denied: 403 | 404 | 422;
  /** Whose identifiers must not show: the object's parties; `ids` adds the object ids. */
  owners: () => Who[];
  ids?: () => string[];
}
const probes: Probe[] = [];
const probe = (p: Probe) => probes.push(p);

const userProbes = (who: Who) => {
  const id = () => ident[who].id;
  const base = { allowed: [who, 'admin'] as Who[], denied: 403 as const, owners: () => [who] };
  probe({ ...base, op: 'getUserById', what: who, request: () => req('getUserById', { id: id() }) });
  probe({ ...base, op: 'getUserBalances', what: who, request: () => req('getUserBalances', { user_id: id() }) });
  probe({ ...base, op: 'updateUserPin', what: who, request: () => req('updateUserPin', { id: id() }) });
  probe({ ...base, op: 'softDeleteUser', what: who, request: () => req('softDeleteUser', { id: id() }, 'none') });
  probe({ ...base, op: 'updateUserKycStatus', what: who, allowed: ['admin'], request: () => req('updateUserKycStatus', { id: id() }) });
  probe({ ...base, op: 'updateUserRole', what: who, allowed: ['admin'], request: () => req('updateUserRole', { id: id() }, { role: 'customer' }) });
  probe({ ...base, op: 'createWallet', what: `for ${who}`, request: () => req('createWallet', {}, { user_id: id() }) });
  for (const op of ['getWalletById', 'setDefaultWalletForNetwork', 'setDefaultWalletLegacy']) {
    probe({ ...base, op, what: `${who}'s tron wallet`, request: () => req(op, { id: walletOf(who).id }) });
  }
};
userProbes('alice');
userProbes('vendor');
userProbes('vendor2');
userProbes('merch');

// Wallets for an owner: the owner, its master vendor for a sub-merchant, or an admin.
probe({ op: 'createWalletForOwner', what: 'customer alice', allowed: ['alice', 'admin'], denied: 403, owners: () => ['alice'],
  request: () => req('createWalletForOwner', {}, { owner_type: 'customer', user_id: ident.alice.id, network: 'tron', is_default: false }) });
probe({ op: 'createWalletForOwner', what: 'vendor', allowed: ['vendor', 'admin'], denied: 403, owners: () => ['vendor'],
  request: () => req('createWalletForOwner', {}, { owner_type: 'vendor', user_id: ident.vendor.id, network: 'tron', is_default: false }) });
probe({ op: 'createWalletForOwner', what: 'merchant vendor', allowed: ['vendor', 'admin'], denied: 403, owners: () => ['vendor'],
  request: () => req('createWalletForOwner', {}, { owner_type: 'merchant', user_id: undefined, merchant_id: ident.vendor.id, network: 'tron', is_default: false }) });
probe({ op: 'createWalletForOwner', what: 'treasury', allowed: ['treasury', 'admin'], denied: 403, owners: () => ['treasury'],
  request: () => req('createWalletForOwner', {}, { owner_type: 'treasury', user_id: undefined, treasury_user_id: ident.treasury.id, network: 'tron', is_default: false }) });
probe({ op: 'createWalletForOwner', what: 'sub_merchant subvendor', allowed: ['subvendor', 'vendor', 'admin'], denied: 403,
  owners: () => ['subvendor', 'vendor'],
  request: () => req('createWalletForOwner', {}, { owner_type: 'sub_merchant', user_id: undefined, sub_merchant_id: ident.subvendor.id, network: 'tron', is_default: false }) });

// Marketplace: alice's on-ramp order with the vendor, her custodial remittance draft, offers and orders in her name.
const orderParties: Who[] = ['alice', 'vendor'];
const order = { owners: () => orderParties, ids: () => [obj.order.id] };
probe({ ...order, op: 'getOrderDetails', what: "alice's order", allowed: ['alice', 'vendor', 'admin'], denied: 403, request: () => req('getOrderDetails', { id: obj.order.id }) });
probe({ ...order, op: 'cancelOrder', what: "alice's order", allowed: ['alice', 'vendor', 'admin'], denied: 403, request: () => req('cancelOrder', { id: obj.order.id }) });
// Only the order's customer moves its money: the docs refuse admins too.
probe({ ...order, op: 'sendOrderPayment', what: "alice's order", allowed: ['alice'], denied: 403,
  request: () => req('sendOrderPayment', { order_id: obj.order.id }, { wallet_id: walletOf('alice').id }) });
// The other way round: the order's own customer paying from someone else's wallet (only alice can try).
probe({ op: 'sendOrderPayment', what: "alice's order paid from bob's wallet", allowed: CALLERS.filter((w) => w !== 'alice'), denied: 403,
  owners: () => ['bob'], request: () => req('sendOrderPayment', { order_id: obj.order.id }, { wallet_id: walletOf('bob').id }) });
probe({ ...order, op: 'initiateOrderPayment', what: "alice's order", allowed: ['alice'], denied: 403,
  request: () => req('initiateOrderPayment', {}, { order_id: obj.order.id, phone_number: '254711000222' }) });
probe({ op: 'getCustomerOrderStats', what: 'alice', allowed: ['alice', 'admin'], denied: 403, owners: () => ['alice'],
  request: () => req('getCustomerOrderStats', { customer_id: ident.alice.id }) });
probe({ op: 'createOrder', what: 'customer_id alice', allowed: ['alice', 'admin'], denied: 403, owners: () => ['alice'],
  request: () => req('createOrder', {}, { customer_id: ident.alice.id, vendor_id: ident.vendor.id, offer_id: obj.sellOffer.id, usdt_amount: '10.00',
    fiat_amount: '1310.00', wallet_address: walletOf('alice').address, expires_at: undefined, pricing_profile_id: undefined, fx_rate_quote_id: undefined }) });
probe({ op: 'createRemittanceOffRampOrder', what: 'customer_id alice', allowed: ['alice', 'admin'], denied: 403, owners: () => ['alice'],
  request: () => req('createRemittanceOffRampOrder', {}, { customer_id: ident.alice.id, sender_wallet_address: walletOf('alice').address }) });
// The caller's own remittance, sent from alice's wallet: "a CoinPool wallet of another user" is a 422 (documented).
probe({ op: 'createRemittanceOffRampOrder', what: "sent from alice's wallet", allowed: ['alice'], denied: 422, owners: () => ['alice'],
  request: (who) => req('createRemittanceOffRampOrder', {}, { customer_id: ident[who].id, vendor_id: ident.vendor.id, offer_id: obj.buyOffer.id,
    sender_wallet_address: walletOf('alice').address }) });
probe({ op: 'createCustodialRemittanceDraft', what: "alice's wallet", allowed: ['alice'], denied: 403, owners: () => ['alice'],
  request: () => req('createCustodialRemittanceDraft', {}, { custodial_wallet_id: walletOf('alice').id }) });
probe({ op: 'confirmCustodialRemittanceDraft', what: "alice's draft", allowed: ['alice'], denied: 403, owners: () => ['alice'], ids: () => [obj.draft.id],
  request: () => req('confirmCustodialRemittanceDraft', { id: obj.draft.id }, {}) });
probe({ op: 'createOffer', what: 'vendor_id vendor', allowed: ['vendor', 'admin'], denied: 403, owners: () => ['vendor'],
  request: () => req('createOffer', {}, { vendor_id: ident.vendor.id }) });

// Transfers: alice's priced P2P send, the vendor's B2B sends to its sub-merchant, the second master's P2P send.
const transferProbes = (key: string, allowed: Who[]) => {
  for (const op of ['getTransferById', 'getTransferPricing']) {
    probe({ op, what: key, allowed: [...allowed, 'admin'], denied: 403, owners: () => allowed, ids: () => [obj[key].id], request: () => req(op, { id: obj[key].id }) });
  }
};
transferProbes('aliceTransfer', ['alice']);
transferProbes('vendorB2b', ['vendor', 'subvendor']);
transferProbes('vendor2Transfer', ['vendor2']);
for (const op of ['createP2pTransfer', 'createP2pExternalTransfer']) {
  // Nobody sends from someone else's wallet, admins included (no admin exception is documented for P2P).
  probe({ op, what: "from alice's wallet", allowed: ['alice'], denied: 403, owners: () => ['alice'],
    request: () => req(op, {}, { from_wallet_id: walletOf('alice').id, network: 'tron', asset: 'USDT', amount: '1',
      ...(op === 'createP2pTransfer' ? { to_user_id: ident.bob.id } : { to_address: EXTERNAL_TRON }) }) });
}
for (const op of ['createB2bTransfer', 'createB2bExternalTransfer']) {
  probe({ op, what: "from the vendor's multisig", allowed: ['vendor', 'admin'], denied: 403, owners: () => ['vendor'], ids: () => [obj.vendorMultisigWallet.id],
    request: () => req(op, {}, { from_wallet_id: obj.vendorMultisigWallet.id, network: 'tron', asset: 'USDT', amount: '1', pricing_profile_id: undefined,
      fx_rate_quote_id: undefined, fiat_currency: undefined, fiat_amount_equivalent: undefined,
      ...(op === 'createB2bTransfer' ? { to_vendor_id: ident.subvendor.id } : { to_address: EXTERNAL_TRON }) }) });
}

// Multisig: the vendor's 2-of-2 (vendor + subvendor) proposal.
probe({ op: 'getMultisigProposalById', what: "the vendor's proposal", allowed: ['vendor', 'subvendor', 'admin'], denied: 403,
  owners: () => ['vendor', 'subvendor'], ids: () => [obj.proposal.id], request: () => req('getMultisigProposalById', { id: obj.proposal.id }) });
probe({ op: 'confirmMultisigProposal', what: "the vendor's proposal", allowed: ['vendor', 'subvendor'], denied: 403,
  owners: () => ['vendor', 'subvendor'], ids: () => [obj.proposal.id], request: () => req('confirmMultisigProposal', { id: obj.proposal.id }) });
probe({ op: 'registerMultisigWallet', what: 'owner vendor', allowed: ['vendor', 'admin'], denied: 403, owners: () => ['vendor'],
  request: () => req('registerMultisigWallet', {}, { owner_user_id: ident.vendor.id, multisig: undefined, is_default: false }) });

// Merchant trees.
const merchantProbes = (who: Who, allowed: Who[]) => {
  const id = () => ident[who].id;
  probe({ op: 'getMerchantTree', what: who, allowed: [...allowed, 'admin'], denied: 403, owners: () => allowed, request: () => req('getMerchantTree', { merchant_id: id() }) });
  probe({ op: 'updateMerchant', what: who, allowed: [...allowed, 'admin'], denied: 403, owners: () => allowed,
    request: () => req('updateMerchant', { merchant_id: id() }, { email: undefined, phone_number: undefined, kyc_status: undefined, is_active: undefined }) });
  probe({ op: 'deleteMerchant', what: who, allowed: ['admin'], denied: 403, owners: () => allowed, request: () => req('deleteMerchant', { merchant_id: id() }) });
};
merchantProbes('vendor', ['vendor']);
merchantProbes('subvendor', ['subvendor', 'vendor']);
merchantProbes('vendor2', ['vendor2']);
probe({ op: 'createSubMerchant', what: 'under vendor', allowed: ['vendor', 'admin'], denied: 403, owners: () => ['vendor'],
  request: () => req('createSubMerchant', { merchant_id: ident.vendor.id }, { email: 'intruder.branch@shop.test', phone_number: '+254799111222' }) });

// OTC: another merchant's deposit or withdrawal is a 404 (notes/otc.md "Foreign rows"); a role outside x-roles a 403.
const depositProbes = (key: string, tree: Who[]) => {
  // Bodies are built when called: ids exist only once the world is set up.
  const on = (op: string, allowed: Who[], body?: () => Record<string, unknown> | 'none', form?: () => FormData) => probe({
    op, what: key, allowed, denied: 404, owners: () => tree, ids: () => [obj[key].id],
    request: () => ({ ...req(op, { id: obj[key].id }, body?.()), form }),
  });
  for (const op of ['getOtcDepositById', 'getOtcDepositSettlement', 'listOtcDepositAuditEntries']) on(op, [...tree, ...OTC_STAFF]);
  on('updateOtcDepositDraft', tree);
  on('quoteOtcDeposit', tree, () => ({ pricing_profile_id: LANE.deposit.profile, fx_rate_quote_id: LANE.deposit.quote, requested_crypto_amount: undefined }));
  on('submitOtcDeposit', tree);
  on('uploadOtcDepositProof', tree, undefined, pdfForm);
  on('claimOtcDeposit', ['admin', 'officer'], () => 'none');
  on('assignOtcDeposit', ['admin'], () => ({ assignee_user_id: ident.officer.id }));
  on('confirmOtcDeposit', ['admin', 'officer']);
  on('rejectOtcDeposit', ['admin', 'officer']);
  on('creditOtcDeposit', OTC_STAFF, () => ({ to_wallet_id: walletOf(tree[0]).id, pricing_profile_id: undefined, fx_rate_quote_id: undefined,
    fiat_currency: undefined, fiat_amount_equivalent: undefined }));
};
const LANE = { deposit: { profile: '', quote: '' } };
depositProbes('vendorDeposit', ['vendor', 'subvendor']);
depositProbes('vendor2Deposit', ['vendor2', 'sub2']);
// A negotiated FX code of another merchant, on one's own draft: no such reference (404), the draft stays as it was.
probe({ op: 'quoteOtcDeposit', what: "vendor2's draft priced with the vendor's negotiated code", allowed: [], denied: 404,
  owners: () => ['vendor', 'vendor2'], ids: () => [obj.nfx.id],
  request: () => req('quoteOtcDeposit', { id: obj.vendor2Deposit.id }, { pricing_profile_id: LANE.deposit.profile, fx_rate_quote_id: undefined,
    negotiated_fx_reference_code: obj.nfxCode.id, requested_crypto_amount: undefined }) });
// The owner's own draft, re-pointed at the second master's wallet: not in its tree, 422 (documented).
probe({ op: 'updateOtcDepositDraft', what: "the vendor's draft paid out to vendor2's wallet", allowed: CALLERS.filter((w) => w !== 'vendor' && w !== 'subvendor'),
  denied: 422, owners: () => ['vendor2'], request: () => req('updateOtcDepositDraft', { id: obj.vendorDeposit.id }, { fiat_amount: undefined,
    sender_bank_branch: undefined, to_wallet_id: walletOf('vendor2').id }) });
probe({ op: 'createOtcDepositDraft', what: "paid out to the vendor's wallet", allowed: ['vendor', 'subvendor'], denied: 422, owners: () => ['vendor'],
  request: () => req('createOtcDepositDraft', {}, { to_wallet_id: walletOf('vendor').id, idempotency_key: undefined }) });
probe({ op: 'createOtcWithdrawal', what: "from the vendor's wallet", allowed: ['vendor', 'subvendor'], denied: 422, owners: () => ['vendor'],
  request: () => req('createOtcWithdrawal', {}, { from_wallet_id: walletOf('vendor').id, crypto_amount: '1', pricing_profile_id: undefined, fx_rate_quote_id: undefined }) });
probe({ op: 'executeOtcWithdrawal', what: "the vendor's withdrawal", allowed: ['admin'], denied: 403, owners: () => ['vendor'], ids: () => [obj.withdrawal.id],
  request: () => req('executeOtcWithdrawal', { id: obj.withdrawal.id }) });

// Negotiated FX references addressed to the vendor.
const nfx = { owners: () => ['vendor'] as Who[], ids: () => [obj.nfx.id, obj.nfxCode.id] };
probe({ ...nfx, op: 'getNegotiatedFxReferenceByCode', what: "the vendor's code", allowed: ['vendor', 'subvendor', ...OTC_STAFF], denied: 404,
  request: () => req('getNegotiatedFxReferenceByCode', { code: obj.nfxCode.id }) });
for (const op of ['getNegotiatedFxReferenceById', 'cancelNegotiatedFxReference', 'resendNegotiatedFxReferenceEmail']) {
  probe({ ...nfx, op, what: "the vendor's reference", allowed: ['treasury', 'admin'], denied: 403, request: () => req(op, { id: obj.nfx.id }) });
}
probe({ ...nfx, op: 'createNegotiatedFxReference', what: 'for the vendor', allowed: ['treasury', 'admin'], denied: 403,
  request: () => req('createNegotiatedFxReference', {}, { merchant_id: ident.vendor.id, agreed_transaction_date: '2026-11-22', pricing_profile_id: undefined }) });
probe({ ...nfx, op: 'listNegotiatedFxReferences', what: 'merchant_id vendor', allowed: ['treasury', 'admin'], denied: 403,
  request: () => req('listNegotiatedFxReferences', {}, undefined, `?merchant_id=${ident.vendor.id}`) });
// Staff queues: every tenant's rows, so staff only by x-roles.
for (const op of ['listPendingOtcDeposits', 'listOtcDepositsReadyToCredit']) {
  probe({ op, what: 'queue', allowed: opById.get(op)!.roles!.map(whoOfRole).flat(), denied: 403, owners: () => ['vendor', 'vendor2'], ids: () => [obj.vendorDeposit.id], request: () => req(op) });
}
probe({ op: 'listPendingOtcWithdrawals', what: 'queue', allowed: ['admin'], denied: 403, owners: () => ['vendor'], ids: () => [obj.withdrawal.id], request: () => req('listPendingOtcWithdrawals') });
probe({ op: 'listUsers', what: 'every user', allowed: ['admin'], denied: 403, owners: () => ['alice', 'vendor', 'vendor2'], request: () => req('listUsers', {}, undefined, '?page_id=1&page_size=10') });
probe({ op: 'listMerchants', what: 'every master', allowed: ['admin'], denied: 403, owners: () => ['vendor', 'vendor2'], request: () => req('listMerchants') });

function whoOfRole(role: string): Who[] { return CALLERS.filter((w) => ROLE[w] === role); }

// ---- list endpoints ------------------------------------------------------------------------------------------
/** For a non-staff caller, every row is the caller's own; and no object of which the caller is no party shows. */
interface ListCheck { op: string; path: string; staff: Who[]; rows: (body: any) => any[]; mine: (row: any, who: Who) => boolean }
const master = (w: Who): Who => (w === 'subvendor' ? 'vendor' : w === 'sub2' ? 'vendor2' : w);
const party = (row: any, who: Who, ...fields: string[]) => fields.some((f) => row[f] === ident[who].id);
const lists: ListCheck[] = [
  { op: 'listOrders', path: '/api/v1/auth/orders?page_id=1&page_size=100', staff: ['admin'], rows: (b) => b, mine: (r, w) => party(r, w, 'customer_id', 'vendor_id') },
  { op: 'listPendingOrders', path: '/api/v1/auth/orders/pending?page_id=1&page_size=100', staff: ['admin'], rows: (b) => b, mine: (r, w) => party(r, w, 'customer_id', 'vendor_id') },
  { op: 'listTransfers', path: '/api/v1/auth/transfers?page_size=100', staff: ['admin'], rows: (b) => b, mine: (r, w) => party(r, w, 'from_user_id', 'to_user_id') },
  { op: 'listCustomerTransactions', path: '/api/v1/auth/customer/transactions?page_size=100', staff: [], rows: (b) => [...b.offers, ...b.orders],
    mine: (r, w) => party(r, w, r.offer_type ? 'vendor_id' : 'customer_id') },
  { op: 'listOtcDeposits', path: '/api/v1/auth/otc/deposits?limit=100', staff: OTC_STAFF, rows: (b) => b.deposits, mine: (r, w) => r.merchant_id === ident[master(w)].id },
  { op: 'listOtcWithdrawals', path: '/api/v1/auth/otc/withdrawals?limit=100', staff: OTC_STAFF, rows: (b) => b.withdrawals, mine: (r, w) => r.merchant_id === ident[master(w)].id },
];

// ---- not covered, with the reason ------------------------------------------------------------------------------
const PUBLIC = 'public (security: []): no owned object is read; it authenticates with the caller\'s own secret or is a partner callback';
const CATALOG = 'platform catalog or pricing engine: global rows with no owner (notes/pricing.md "No ownership")';
const STAFF_ONLY = 'staff-only by x-roles (admin) on platform rows no tenant owns; role refusal covered by test/users/access.test.ts and test/pricing/admin.test.ts';
const NOT_COVERED: Record<string, string> = {
  registerUser: PUBLIC, loginUser: PUBLIC, loginUserWithPin: PUBLIC, refreshAccessToken: PUBLIC,
  confirmC2bPayment: 'public Daraja callback; C2B accounts and settlements have no read API, so there is nothing of a tenant to read',
  downloadOtcDepositProof: 'public by the contract (security: []): the URL is a capability of two random UUIDs handed to the deposit\'s readers',
  getUserByPhone: 'documented: any authenticated caller may look a user up by phone (counterparty lookup)',
  getUserByEmail: 'documented: any authenticated caller may look a user up by email (counterparty lookup)',
  checkUserEmailExists: 'documented: any authenticated caller; answers only exists + the email it was sent',
  listOffersByType: 'the public order book: every active offer of every vendor, by design (notes/marketplace.md)',
  listCustodialRemittanceCorridors: CATALOG,
  createOtcDeposit: 'names no owner and no object: the deposit belongs to the caller\'s own master merchant, paid to the caller\'s own default wallet',
  provisionUser: 'admin-only by x-roles; creates a new user, reads no tenant data (role refusal in test/users/access.test.ts)',
  createMerchant: 'admin-only by x-roles; creates a new tenant (role refusal in test/merchants/merchants.test.ts)',
  createMerchantWithSubMerchants: 'admin-only by x-roles; creates a new tenant (role refusal in test/merchants/merchants.test.ts)',
  getTreasuryRemittanceEscrowBalance: 'admin/treasury by x-roles; platform treasury totals, no tenant row (role refusal in test/users/access.test.ts)',
  listEscrowWallets: STAFF_ONLY, createEscrowWallet: STAFF_ONLY, getEscrowWalletById: STAFF_ONLY, listEscrowWalletsByNetwork: STAFF_ONLY,
  listFiatCurrencies: CATALOG, createFiatCurrency: STAFF_ONLY, listAllFiatCurrencies: STAFF_ONLY, getFiatCurrencyById: STAFF_ONLY,
  deleteFiatCurrency: STAFF_ONLY, updateFiatCurrency: STAFF_ONLY,
  listFxRateQuotes: STAFF_ONLY, createFxRateQuote: STAFF_ONLY, getFxRateQuoteById: STAFF_ONLY, getActiveFxRateQuote: CATALOG,
  listPricingProfiles: STAFF_ONLY, createPricingProfile: STAFF_ONLY, getPricingProfileById: STAFF_ONLY, updatePricingProfile: STAFF_ONLY,
  quotePricing: CATALOG, resolvePricing: `${CATALOG}; a listing named there is a public offer`, resolveOtcPricing: CATALOG,
};

// ---- setup: every kind of owned object, made by its owner -------------------------------------------------------
async function must(who: Who, r: Request, status: number[] = [200, 201, 202]) {
  const res = await send(who, r);
  if (!status.includes(res.status)) throw new Error(`${who} ${r.method} ${r.path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  Object.assign(token, await logins(ctx.api));
  const fx = await fixtures(ctx.api);
  for (const u of fx.f.users) ident[u.email.split('@')[0] as Who] = { id: u.id, email: u.email, phone: u.phone_number, wallets: u.wallets };
  LANE.deposit = fx.lane('b2b_deposit_usdt_kes_tron');
  obj.sellOffer = { id: fx.offer('vendor_sell_usdt').id, parties: CALLERS }; // offers are public
  obj.buyOffer = { id: fx.offer('vendor_buy_usdt_tron').id, parties: CALLERS };

  // A second, independent master merchant with a sub-merchant, and a user with the `merchant` role, made by the admin.
  const tree = await must('admin', { method: 'POST', path: '/api/v1/auth/merchants/with-sub-merchants', body: {
    merchant: { email: 'm2@rival.test', phone_number: '+254799200001', first_name: 'Rita', last_name: 'Rival', password: 'secret-pass', kyc_status: 'approved', pin: '123456' },
    sub_merchants: [{ email: 'm2.branch@rival.test', phone_number: '+254799200002', first_name: 'Ravi', last_name: 'Branch', password: 'secret-pass', kyc_status: 'approved', pin: '123456' }],
  } });
  ident.vendor2 = { id: tree.merchant.id, email: tree.merchant.email, phone: tree.merchant.phone_number, wallets: tree.merchant_wallets };
  const sub = tree.sub_merchants[0];
  ident.sub2 = { id: sub.merchant.id, email: sub.merchant.email, phone: sub.merchant.phone_number, wallets: sub.wallets };
  const merch = await must('admin', { method: 'POST', path: '/api/v1/auth/users/provision', body: {
    email: 'desk@merchant.test', phone_number: '+254799200003', first_name: 'Mo', last_name: 'Desk', password: 'secret-pass', role: 'merchant', kyc_status: 'approved' } });
  ident.merch = { id: merch.user.id, email: merch.user.email, phone: merch.user.phone_number, wallets: merch.wallets.map((w: any) => w.wallet) };
  for (const w of ['vendor2', 'sub2', 'merch'] as const) token[w] = await ctx.api.login(ident[w].email, 'secret-pass');

  // alice: an on-ramp order with the vendor, a priced P2P send, a custodial remittance draft.
  obj.order = { id: (await must('alice', { method: 'POST', path: '/api/v1/auth/orders', body: {
    customer_id: ident.alice.id, vendor_id: ident.vendor.id, offer_id: obj.sellOffer.id, usdt_amount: '10.00', fiat_amount: '1310.00',
    fiat_currency: 'KES', wallet_address: walletOf('alice').address, payment_method: 'mpesa', order_type: 'ON_RAMP_BUY' } })).id, parties: orderParties };
  const p2p = fx.lane('p2p_transfer_usdt_kes');
  obj.aliceTransfer = { id: (await must('alice', { method: 'POST', path: '/api/v1/auth/transfers/p2p/external', body: {
    to_address: EXTERNAL_TRON, amount: '5', asset: 'USDT', network: 'tron', pricing_profile_id: p2p.profile, fx_rate_quote_id: p2p.quote,
    fiat_currency: 'KES', fiat_amount_equivalent: '650.00' } })).transfer.id, parties: ['alice'] };
  const offramp = fx.lane('offramp_usdt_kes_tron');
  obj.draft = { id: (await must('alice', { method: 'POST', path: '/api/v1/auth/remittance/custodial/drafts', body: {
    custodial_wallet_id: walletOf('alice').id, beneficiary_fiat_amount: '6467.50', fiat_currency: 'KES', pricing_profile_id: offramp.profile,
    fx_rate_quote_id: offramp.quote, sender_name: 'Alice', sender_country: 'GB', sender_phone: '+447700900123', beneficiary_country: 'KE',
    beneficiary_phone: '254727648169' } })).draft.id, parties: ['alice'] };

  // The vendor: an OTC draft, a withdrawal, B2B sends to its sub-merchant (one through a 2-of-2 proposal).
  obj.vendorDeposit = { id: (await must('vendor', { method: 'POST', path: '/api/v1/auth/otc/deposits/draft', body: {
    fiat_amount: '129760.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' } })).deposit.id, parties: ['vendor', 'subvendor'] };
  obj.withdrawal = { id: (await must('vendor', { method: 'POST', path: '/api/v1/auth/otc/withdrawals', body: {
    asset: 'USDT', network: 'tron', crypto_amount: '100', fiat_currency: 'KES', method: 'bank', payout_bank_account: '01100123456789',
    payout_bank_name: 'Example Bank' } })).withdrawal.id, parties: ['vendor', 'subvendor'] };
  // The subvendor receives from it, so it sees the wallet id on its transfers.
  obj.vendorMultisigWallet = { id: fx.merchantMultisig('vendor_tron_platform').wallet_id, parties: ['vendor', 'subvendor'] };
  obj.vendorB2b = { id: (await must('vendor', { method: 'POST', path: '/api/v1/auth/transfers/b2b', body: {
    to_vendor_id: ident.subvendor.id, amount: '10', network: 'tron', from_wallet_id: obj.vendorMultisigWallet.id } })).transfer.id, parties: ['vendor', 'subvendor'] };
  const proposed = await must('vendor', { method: 'POST', path: '/api/v1/auth/transfers/b2b', body: {
    to_vendor_id: ident.subvendor.id, amount: '10', network: 'tron', from_wallet_id: fx.merchantMultisig('vendor_tron_2of2').wallet_id } });
  obj.proposal = { id: proposed.proposal_id, parties: ['vendor', 'subvendor'] };

  // The treasury's negotiated FX reference addressed to the vendor.
  const ref = (await must('treasury', { method: 'POST', path: '/api/v1/auth/otc/negotiated-fx/references', body: {
    merchant_id: ident.vendor.id, agreed_transaction_date: '2026-11-22', fiat_currency: 'KES', agreed_amount: '129760.00',
    reference_fx_rate: '129.20', agreed_fx_rate: '128.75', timezone: 'Africa/Nairobi' } })).reference;
  obj.nfx = { id: ref.id, parties: ['vendor', 'subvendor'] };
  obj.nfxCode = { id: ref.reference_code, parties: ['vendor', 'subvendor'] };

  // The second master: its own OTC draft and a P2P send from its faucet-funded wallet.
  obj.vendor2Deposit = { id: (await must('vendor2', { method: 'POST', path: '/api/v1/auth/otc/deposits/draft', body: {
    fiat_amount: '129760.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron' } })).deposit.id, parties: ['vendor2', 'sub2'] };
  await must('vendor2', { method: 'POST', path: '/__sandbox/faucet', body: { wallet_id: walletOf('vendor2').id, asset: 'USDT', amount: '100' } });
  obj.vendor2Transfer = { id: (await must('vendor2', { method: 'POST', path: '/api/v1/auth/transfers/p2p/external', body: {
    to_address: EXTERNAL_TRON, amount: '5', asset: 'USDT', network: 'tron', pricing_profile_id: p2p.profile, fx_rate_quote_id: p2p.quote,
    fiat_currency: 'KES', fiat_amount_equivalent: '650.00' } })).transfer.id, parties: ['vendor2'] };
});

/** What each owner sees of its objects: compared before and after the whole sweep. */
async function ownersView() {
  const get = async (who: Who, path: string) => JSON.stringify((await ctx.api.call('GET', path, { token: token[who] })).body);
  return {
    alice: await get('alice', `/api/v1/auth/user/id/${ident.alice.id}`),
    aliceBalances: await get('alice', `/api/v1/auth/balances/user/${ident.alice.id}`),
    order: await get('alice', `/api/v1/auth/order/id/${obj.order.id}/details`),
    draft: remittanceDrafts(ctx.server.sandbox.world).get(obj.draft.id)!.status,
    vendorTree: await get('vendor', `/api/v1/auth/merchants/${ident.vendor.id}`),
    vendorDeposit: await get('vendor', `/api/v1/auth/otc/deposits/${obj.vendorDeposit.id}`),
    vendorAudit: await get('vendor', `/api/v1/auth/otc/deposits/${obj.vendorDeposit.id}/audit`),
    vendor2Deposit: await get('vendor2', `/api/v1/auth/otc/deposits/${obj.vendor2Deposit.id}`),
    withdrawals: await get('vendor', '/api/v1/auth/otc/withdrawals'),
    proposal: await get('vendor', `/api/v1/auth/multisig/proposals/${obj.proposal.id}`),
    nfx: await get('treasury', `/api/v1/auth/otc/negotiated-fx/references/${obj.nfx.id}`),
    transfers: await get('admin', '/api/v1/auth/transfers?page_size=100'),
    vendor2Tree: await get('vendor2', `/api/v1/auth/merchants/${ident.vendor2.id}`),
    merch: await get('merch', `/api/v1/auth/user/id/${ident.merch.id}`),
  };
}

describe('cross-tenant isolation', () => {
  let before: Awaited<ReturnType<typeof ownersView>>;
  beforeAll(async () => { before = await ownersView(); });

  test('every contract operation is probed or listed here with the reason it is not', () => {
    const probed = new Set([...probes.map((p) => p.op), ...lists.map((l) => l.op)]);
    for (const id of probed) expect(opById.has(id), `${id} is not in the contract`).toBe(true);
    const both = [...probed].filter((id) => id in NOT_COVERED);
    expect(both, 'probed and also listed as not covered').toEqual([]);
    const missing = operations.map((op) => op.operationId).filter((id) => !probed.has(id) && !(id in NOT_COVERED));
    expect(missing, 'operations neither probed nor listed with a reason').toEqual([]);
    expect(Object.keys(NOT_COVERED).filter((id) => !opById.has(id)), 'listed but not in the contract').toEqual([]);
  });

  test.each(probes.map((p) => [`${p.op} (${p.what})`, p] as const))('%s: refused for everyone else, nothing shown, nothing changed', async (_name, p) => {
    const op: OperationSpec = opById.get(p.op)!;
    const failures: string[] = [];
    for (const who of CALLERS.filter((w) => !p.allowed.includes(w))) {
      const r = p.request(who);
      const expected = op.roles && !op.roles.includes(ROLE[who]) ? 403 : p.denied;
      const version = journal();
      const res = await send(who, r);
      const text = JSON.stringify(res.body ?? '');
      const call = `${who} ${r.method} ${r.path} → ${res.status} ${text.slice(0, 200)}`;
      if (res.status !== expected) failures.push(`expected ${expected}: ${call}`);
      const shown = leaks(text, [...p.owners().filter((o) => o !== who).flatMap(idsOf), ...(p.ids?.() ?? [])], requestText(r));
      if (shown.length) failures.push(`shows ${shown.join(', ')}: ${call}`);
      if (journal() !== version) failures.push(`changed the store: ${call}`);
    }
    expect(failures).toEqual([]);
  });

  test.each(lists.map((l) => [l.op, l] as const))('%s shows a non-staff caller only its own rows', async (_name, l) => {
    const op = opById.get(l.op)!;
    const failures: string[] = [];
    for (const who of CALLERS.filter((w) => !l.staff.includes(w))) {
      const res = await ctx.api.call('GET', l.path, { token: token[who] });
      const call = `${who} GET ${l.path} → ${res.status}`;
      if (op.roles && !op.roles.includes(ROLE[who])) {
        if (res.status !== 403) failures.push(`expected 403: ${call}`);
        continue;
      }
      if (res.status !== 200) { failures.push(`expected 200: ${call} ${JSON.stringify(res.body)}`); continue; }
      for (const row of l.rows(res.body)) if (!l.mine(row, who)) failures.push(`foreign row ${row.id}: ${call}`);
      const foreign = Object.values(obj).filter((o) => !o.parties.includes(who)).map((o) => o.id);
      const shown = leaks(JSON.stringify(res.body), foreign, l.path.toLowerCase());
      if (shown.length) failures.push(`shows ${shown.join(', ')}: ${call}`);
    }
    expect(failures).toEqual([]);
  });

  test("another master's idempotency key is not a replay of its draft: the second master gets a draft of its own", async () => {
    const body = { fiat_amount: '1000.00', fiat_currency: 'KES', requested_asset: 'USDT', requested_network: 'tron', idempotency_key: 'desk-0001' };
    const first = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: token.vendor, body });
    expect(first.status).toBe(201);
    // Keys are scoped per master merchant: vendor2's sub-merchant replays vendor2's draft, never the vendor's.
    for (const who of ['vendor2', 'sub2', 'merch'] as const) {
      const other = await ctx.api.call('POST', '/api/v1/auth/otc/deposits/draft', { token: token[who], body });
      expect(other.status, who).toBe(who === 'sub2' ? 200 : 201);
      expect(leaks(JSON.stringify(other.body), [first.body.deposit.id, ...idsOf('vendor')], ''), who).toEqual([]);
    }
  });

  test('the lists do show the owners their rows (the checks above are not vacuous)', async () => {
    const has = async (who: Who, path: string, id: string) => JSON.stringify((await ctx.api.call('GET', path, { token: token[who] })).body).includes(id);
    expect(await has('alice', '/api/v1/auth/orders?page_id=1&page_size=100', obj.order.id)).toBe(true);
    expect(await has('vendor', '/api/v1/auth/orders/pending?page_id=1&page_size=100', obj.order.id)).toBe(true);
    expect(await has('alice', '/api/v1/auth/transfers', obj.aliceTransfer.id)).toBe(true);
    expect(await has('subvendor', '/api/v1/auth/otc/deposits', obj.vendorDeposit.id)).toBe(true);
    expect(await has('sub2', '/api/v1/auth/otc/deposits', obj.vendor2Deposit.id)).toBe(true);
    expect(await has('vendor', '/api/v1/auth/otc/withdrawals', obj.withdrawal.id)).toBe(true);
    expect(await has('alice', '/api/v1/auth/customer/transactions', obj.order.id)).toBe(true);
  });

  test("after the sweep every owner sees its objects exactly as before; alice's PIN and login still work", async () => {
    expect(await ownersView()).toEqual(before);
    const pin = await ctx.api.call('POST', '/api/v1/users/login-pin', { body: { email: ident.alice.email, pin: '123456' } });
    expect(pin.status).toBe(200);
  });
});
