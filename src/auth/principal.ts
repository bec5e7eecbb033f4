// Who is calling: the authenticated user and their role at the time of the request. A union discriminated by role,
// so that code checking `principal.role === 'admin'` narrows it, and a handler whose operation only some roles may
// call (the contract's x-roles) receives only those principals (see `PrincipalFor` in src/http/types.ts).

/** The roles the real service knows (users.role); a user row's role and a principal's are this type. */
export type Role = 'customer' | 'user' | 'vendor' | 'subvendor' | 'merchant' | 'admin' | 'treasury' | 'otc_officer';

/** The principal of one role. */
export interface PrincipalOf<R extends Role> {
  userId: string;
  role: R;
  email: string;
}

export type Customer = PrincipalOf<'customer'>;
/** The legacy name of a customer account (role `user`), treated like a customer. */
export type PlainUser = PrincipalOf<'user'>;
/** A master vendor (master merchant). */
export type Vendor = PrincipalOf<'vendor'>;
/** A sub-merchant under a master vendor (`parent_vendor_id`). */
export type SubVendor = PrincipalOf<'subvendor'>;
export type Merchant = PrincipalOf<'merchant'>;
export type Admin = PrincipalOf<'admin'>;
export type Treasury = PrincipalOf<'treasury'>;
export type OtcOfficer = PrincipalOf<'otc_officer'>;

export type Principal = Customer | PlainUser | Vendor | SubVendor | Merchant | Admin | Treasury | OtcOfficer;

/** The principals with one of the given roles. */
export type PrincipalWithRole<R extends Role> = Extract<Principal, { role: R }>;

export const STAFF_ROLES = ['admin', 'treasury', 'otc_officer'] as const satisfies readonly Role[];
export const MERCHANT_ROLES = ['vendor', 'subvendor', 'merchant'] as const satisfies readonly Role[];

export type StaffRole = (typeof STAFF_ROLES)[number];
export type MerchantRole = (typeof MERCHANT_ROLES)[number];

export const isAdmin = (p: Principal | null): p is Admin => p?.role === 'admin';
export const isStaff = (p: Principal | null): p is PrincipalWithRole<StaffRole> =>
  !!p && (STAFF_ROLES as readonly string[]).includes(p.role);

