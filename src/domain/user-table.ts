// The users table and its row type. Split from users.ts (registration, credentials, roles) so that wallets.ts can
// name a wallet's owner without importing users.ts, which creates each new user's wallets: the two imported each other.
import type { World } from '../kernel/world.ts';

import type { Role } from '../auth/principal.ts';

export type { Role };
export type KycStatus = 'pending' | 'approved' | 'rejected';

export interface UserRow {
  id: string;
  email: string;
  phone_number: string;
  first_name: string;
  last_name: string;
  role: Role;
  kyc_status: KycStatus;
  password_hash: string;
  pin_hash: string | null;
  is_active: boolean;
  parent_vendor_id: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export const users = (w: World) => w.table<UserRow>('users');
