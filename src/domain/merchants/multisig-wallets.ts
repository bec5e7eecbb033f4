// Registering multisig wallets for an owner (POST /multisig/wallets and the treasury branch of POST /wallets/for-owner):
// a new wallet row of type multisig plus its multisig definition in the core (../multisig.ts).
//  - no spec: platform-managed (a simulated BitGo 2-of-3 whose keys the platform holds; it signs itself);
//  - a spec: self-managed (Gnosis Safe on ethereum, TRON native multisig on tron); each signer address must be the
//    address of an active wallet of a live user on the same network, and that user confirms proposals for it.
//  - solana (treasury through /wallets/for-owner only): platform-managed BitGo (bitgo_sol); there is no self-custody kind.
import type { World } from '../../kernel/world.ts';
import { ADDRESS_BYTES, addressMatchesNetwork, newAddress, type Network, type WalletNetwork } from '../../kernel/addresses.ts';
import { createWallet, findWalletByAddress, liveUserWalletAt, wallets, type WalletRow } from '../wallets.ts';
import type { UserRow } from '../users.ts';
import { registerMultisigWallet, type MultisigType, type MultisigWalletRow } from '../multisig.ts';
import type { BalanceRow } from '../ledger.ts';
import { invalidField, unprocessable, alreadyExists } from '../../kernel/errors.ts';

export interface MultisigSpec {
  multisig_type: 'gnosis_safe' | 'tron_native';
  signer_addresses: string[];
  threshold: number;
  safe_address?: string;
  safe_tx_service_url?: string;
  tron_address?: string;
  permission_id?: number;
}

const SELF_MANAGED_TYPE: Record<Network, MultisigType> = { ethereum: 'gnosis_safe', tron: 'tron_native' };
/** The platform's BitGo wallets are 2-of-3 (user key, backup key, BitGo key), all held by the platform here. */
const PLATFORM_KEYS = 3;
const PLATFORM_THRESHOLD = 2;
const NETWORK_LABEL: Record<WalletNetwork, string> = { ethereum: 'Ethereum', tron: 'TRON', solana: 'Solana' };

export const MULTISIG_OWNER_ROLES = ['vendor', 'subvendor', 'treasury'];

/** Checks the spec against the network and maps each signer address to the live user whose active wallet it is. */
function resolveSigners(world: World, network: Network, spec: MultisigSpec, pointer: string): string[] {
  if (spec.multisig_type !== SELF_MANAGED_TYPE[network]) {
    throw invalidField(`${pointer}/multisig_type`, `must be ${SELF_MANAGED_TYPE[network]} on ${network}`);
  }
  const signerIds: string[] = [];
  spec.signer_addresses.forEach((address, i) => {
    if (!addressMatchesNetwork(address, network)) throw invalidField(`${pointer}/signer_addresses/${i}`, `is not a ${network} address`);
    const owner = liveUserWalletAt(world, address, network)?.owner;
    if (!owner) throw unprocessable(`signer address ${address} is not an active ${network} wallet of a sandbox user`);
    if (signerIds.includes(owner.id)) throw unprocessable(`signer addresses must belong to different users; ${owner.id} holds two of them`);
    signerIds.push(owner.id);
  });
  if (spec.threshold > signerIds.length) {
    throw unprocessable(`threshold ${spec.threshold} exceeds the number of signers (${signerIds.length})`);
  }
  return signerIds;
}

export interface RegisteredMultisig { multisig: MultisigWalletRow; wallet: WalletRow; balances: BalanceRow[] }

/** isDefault as createWallet: absent, the new wallet is the default only when the owner has none on the network. */
export function registerOwnedMultisig(world: World, input: {
  owner: UserRow; network: WalletNetwork; name?: string; isDefault?: boolean; spec?: MultisigSpec; specPointer?: string;
}): RegisteredMultisig {
  const { owner, network, spec } = input;
  if (spec && network === 'solana') {
    throw unprocessable('self-custody multisig is a Gnosis Safe (ethereum) or TRON native (tron); a solana treasury wallet is BitGo-custodied, send no multisig');
  }
  const signerIds = spec && network !== 'solana' ? resolveSigners(world, network, spec, input.specPointer ?? '/multisig') : [];
  const chosen = spec ? (network === 'ethereum' ? spec.safe_address : spec.tron_address) : undefined;
  if (chosen && findWalletByAddress(world, chosen)) throw alreadyExists(`address ${chosen} is already a sandbox wallet's address`);
  const name = input.name ?? `${NETWORK_LABEL[network]} Multisig`;
  const made = createWallet(world, { userId: owner.id, network, name, walletType: 'multisig', custodyKind: 'multisig', isDefault: input.isDefault });
  // The Safe / TRON account address the owner already deployed replaces the generated one.
  const wallet = chosen ? wallets(world).update(made.wallet.id, { address: chosen }) : made.wallet;
  const multisig = spec
    ? registerMultisigWallet(world, {
      wallet_id: wallet.id, owner_user_id: owner.id, multisig_type: spec.multisig_type, signer_user_ids: signerIds,
      signer_addresses: spec.signer_addresses, threshold: spec.threshold, name,
      permission_id: network === 'tron' ? spec.permission_id ?? 2 : null,
      safe_tx_service_url: network === 'ethereum' ? spec.safe_tx_service_url ?? null : null,
    })
    : registerMultisigWallet(world, {
      wallet_id: wallet.id, owner_user_id: owner.id, multisig_type: network === 'solana' ? 'bitgo_sol' : 'bitgo', signer_user_ids: [],
      signer_addresses: Array.from({ length: PLATFORM_KEYS }, () => newAddress(network, world.random.bytes(ADDRESS_BYTES[network]))),
      threshold: PLATFORM_THRESHOLD, name,
    });
  return { multisig, wallet, balances: made.balances };
}
