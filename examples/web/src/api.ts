// The few CoinPool calls the example makes, written against contracts/openapi.yaml. The app calls its own origin;
// the sandbox's service worker answers, so the same code would talk to a real backend behind the same paths.

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`${status}: ${(body as { error?: string } | null)?.error ?? JSON.stringify(body)}`);
  }
}

let token: string | null = null;
export const setToken = (t: string | null) => { token = t; };

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return data as T;
}

export interface User { id: string; email: string; phone_number: string; role: string }
export interface AuthResponse { access_token: string; user: User }
export interface Offer { id: string; vendor_id: string; offer_type: 'SELL' | 'BUY'; asset: string; rate: string; min_order: string; max_order: string; available_amount: string; status: string }
export interface Order { id: string; status: string; crypto_amount: string; fiat_amount: string; wallet_address: string }
export interface WalletBalance { wallet_id: string; wallet_address: string; network: 'tron' | 'ethereum'; usdt_balance: string }
export interface StkPrompt { checkout_request_id: string; status: 'pending' | 'succeeded' | 'failed'; result_code: number | null; result_desc: string | null }

export const api = {
  register: (body: Record<string, string>) => call<{ message: string; user: User }>('POST', '/api/v1/users/register', { ...body, role: 'customer' }),
  loginWithPin: (email: string, pin: string) => call<AuthResponse>('POST', '/api/v1/users/login-pin', { email, pin }),
  sellOffers: () => call<Offer[]>('GET', '/api/v1/auth/offers/type/SELL?page_id=1&page_size=10'),
  balances: (userId: string) => call<{ balances: WalletBalance[] }>('GET', `/api/v1/auth/balances/user/${userId}`),
  createOrder: (body: Record<string, string>) => call<Order>('POST', '/api/v1/auth/orders', body),
  payWithMpesa: (orderId: string, phone: string) =>
    call<{ checkout_request_id: string; customer_message: string }>('POST', '/api/v1/auth/orders/payment', { order_id: orderId, phone_number: phone }),
  orderDetails: (id: string) => call<Order>('GET', `/api/v1/auth/order/id/${id}/details`),
};

