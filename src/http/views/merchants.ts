// Wire shapes of the merchants area (contracts/src/merchants-treasury.yaml): merchants and their wallets, escrow
// wallets, multisig wallets and proposals, transfers and their pricing snapshots.
import type { World } from '../../kernel/world.ts';
import type { UserRow } from '../../domain/users.ts';
import { getWallet, walletsOf, type WalletRow } from '../../domain/wallets.ts';
import { escrowBalances, lastBalanceChange, type EscrowWalletRow } from '../../domain/escrow.ts';
import { multisigWallets, needsEthereumSender, type MultisigWalletRow, type ProposalRow } from '../../domain/multisig.ts';
import type { TransferRow } from '../../domain/merchants/transfers.ts';
import type { TransferPricingRow } from '../../domain/merchants/transfer-pricing.ts';
import { fmt8 } from '../../kernel/money.ts';
import { nullTime } from './go-null.ts';
import { inEnum } from './narrow.ts';
import type { Asset, MerchantRole, MerchantWallet, MultisigProposal, MultisigType, Network, PricingSettlementSide } from '../../../contracts/generated/types.js';

// The contract's enums these views narrow to (see narrow.ts: the domain rules that keep rows inside them).
const MERCHANT_ROLES: readonly MerchantRole[] = ['vendor', 'subvendor'];
const MULTISIG_NETWORKS: readonly Network[] = ['ethereum', 'tron'];
const PROPOSAL_ASSETS: readonly Asset[] = ['USDT', 'USDC'];
const TRANSFER_FLOWS = ['p2p', 'b2b'] as const;
const SETTLEMENT_SIDES: readonly PricingSettlementSide[] = ['customer', 'merchant', 'split'];
const MERCHANT_WALLET_TYPES: readonly MerchantWallet['wallet_type'][] = ['hot', 'cold', 'multisig'];
const REGISTERED_MULTISIG_TYPES: readonly MultisigType[] = ['bitgo', 'gnosis_safe', 'tron_native'];
const PROPOSAL_REFERENCES: readonly MultisigProposal['reference_type'][] = ['transfer', 'otc_credit'];

export const merchantView = (u: UserRow) => ({
  id: u.id, email: u.email, phone_number: u.phone_number, first_name: u.first_name, last_name: u.last_name,
  // Merchant routes only show merchant rows: getMerchant 404s other roles, the creators set vendor or subvendor.
  role: inEnum(u.role, MERCHANT_ROLES, `merchant ${u.id} role`),
  kyc_status: u.kyc_status, is_active: u.is_active, parent_vendor_id: u.parent_vendor_id,
});

// A merchant's wallets are its own hot, cold or multisig wallets (escrow wallets belong to the platform, not to users).
export const merchantWalletView = (w: WalletRow) => ({
  id: w.id, network: w.network, address: w.address, is_default: w.is_default,
  wallet_type: inEnum(w.wallet_type, MERCHANT_WALLET_TYPES, `wallet ${w.id} type`),
});

export const merchantWalletsView = (world: World, userId: string) => walletsOf(world, userId).map(merchantWalletView);

export const merchantWithWalletsView = (world: World, u: UserRow) => ({ merchant: merchantView(u), wallets: merchantWalletsView(world, u.id) });

export function escrowWalletView(world: World, e: EscrowWalletRow) {
  const reconciled = lastBalanceChange(world, e);
  return {
    id: e.id, network: e.network, address: e.address, status: e.status, purpose: e.purpose, label: e.label,
    custody_provider: e.custody_provider, is_provider_managed: e.custody_provider === 'bitgo',
    provider_wallet_id: e.provider_wallet_id ?? '', provider_address_id: e.provider_address_id ?? '',
    ...escrowBalances(world, e),
    last_reconciled_at: nullTime(reconciled),
    created_at: e.created_at,
    updated_at: reconciled && reconciled > e.updated_at ? reconciled : e.updated_at,
  };
}

export function multisigWalletView(world: World, m: MultisigWalletRow) {
  const wallet = getWallet(world, m.wallet_id);
  return {
    // Shown for wallets registered through POST /multisig-wallets, whose network the request limits to Ethereum or TRON
    // (Solana multisigs are BitGo treasury wallets, shown as wallets).
    id: m.id, wallet_id: m.wallet_id, owner_user_id: m.owner_user_id, name: m.name,
    network: inEnum(m.network, MULTISIG_NETWORKS, `multisig wallet ${m.id} network`), address: wallet.address,
    multisig_type: inEnum(m.multisig_type, REGISTERED_MULTISIG_TYPES, `multisig wallet ${m.id} type`), management: m.management, signer_addresses: m.signer_addresses, signer_user_ids: m.signer_user_ids,
    threshold: m.threshold, permission_id: m.permission_id, safe_tx_service_url: m.safe_tx_service_url,
    is_default: wallet.is_default, is_active: wallet.is_active, created_at: m.created_at,
  };
}

export function proposalView(world: World, p: ProposalRow) {
  const ms = multisigWallets(world).get(p.multisig_wallet_id)!;
  return {
    // Proposals move stablecoins only (transfers and OTC credits: USDT or USDC).
    id: p.id, multisig_wallet_id: p.multisig_wallet_id, wallet_id: ms.wallet_id, network: p.network,
    asset: inEnum(p.asset, PROPOSAL_ASSETS, `proposal ${p.id} asset`), amount: fmt8(p.amount),
    // Proposals are made by B2B transfers and OTC credits only.
    from_address: ms.address, to_address: p.to_address, to_wallet_id: p.to_wallet_id,
    reference_type: inEnum(p.reference_type, PROPOSAL_REFERENCES, `proposal ${p.id} reference type`),
    reference_id: p.reference_id, status: p.status, threshold: p.threshold, current_signatures: p.signatures.length,
    signatures: p.signatures.map((s) => ({ signer_user_id: s.signer_user_id, signer_address: s.signer_address, signature: s.signature ?? '', signed_at: s.signed_at })),
    tx_hash: p.tx_hash, tron_unsigned_tx: p.tron_unsigned_tx, ethereum_first_confirm_requires_sender: needsEthereumSender(p),
    ethereum_sender: p.ethereum_sender, created_by: p.created_by, created_at: p.created_at, updated_at: p.updated_at, executed_at: p.executed_at,
  };
}

export const transferView = (t: TransferRow) => ({
  id: t.id, transfer_type: t.transfer_type, is_external: t.is_external, from_user_id: t.from_user_id, to_user_id: t.to_user_id,
  from_wallet_id: t.from_wallet_id, to_wallet_id: t.to_wallet_id, from_address: t.from_address, to_address: t.to_address,
  to_address_resolved: t.to_address_resolved, asset: t.asset, crypto_amount: fmt8(t.crypto_amount), network: t.network, status: t.status,
  tx_hash: t.tx_hash, memo: t.memo, proposal_id: t.proposal_id, created_at: t.created_at, updated_at: t.updated_at, completed_at: t.completed_at,
});

export function transferPricingView(t: TransferRow, row: TransferPricingRow) {
  const s = row.snapshot;
  return {
    // A transfer's snapshot is built for its own flow (p2p or b2b; OTC transfers price as b2b with an otc_type).
    transfer_id: t.id, pricing_profile_id: s.pricing_profile_id, fx_rate_quote_id: s.fx_rate_quote_id,
    flow_type: inEnum(s.flow_type, TRANSFER_FLOWS, `transfer ${t.id} pricing flow`),
    ...(t.transfer_type.startsWith('OTC_') && s.otc_type ? { otc_type: s.otc_type } : {}),
    network: t.network, asset: t.asset, fiat_currency: s.fiat_currency, fiat_amount_equivalent: row.fiat_amount_equivalent,
    crypto_amount: fmt8(t.crypto_amount), reference_fx_rate: s.reference_fx_rate, applied_fx_rate: s.applied_fx_rate,
    spread_bps: s.spread_bps, spread_amount: s.spread_amount, fees: s.fees, amounts: s.amounts,
    // The snapshot copies its profile's settlement side (a PricingSettlementSide; the stored snapshot keeps it as a string).
    settlement_side: inEnum(s.settlement_side, SETTLEMENT_SIDES, `transfer ${t.id} settlement side`),
    rate_source: s.rate_source, quoted_at: s.captured_at, created_at: row.created_at,
  };
}
