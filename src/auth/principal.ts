// Who is calling: the authenticated user and their role at the time of the request.
export interface Principal {
  userId: string;
  role: string;
  email: string;
}

export const STAFF_ROLES = ['admin', 'treasury', 'otc_officer'] as const;
export const MERCHANT_ROLES = ['vendor', 'subvendor', 'merchant'] as const;

export const isAdmin = (p: Principal | null): boolean => p?.role === 'admin';
export const isStaff = (p: Principal | null): boolean => !!p && (STAFF_ROLES as readonly string[]).includes(p.role);
