// Narrowing a domain value to the enum one response schema allows. Some row types are wider than the responses that
// show them (a wallet may be on Solana, a user row may have any role), and what keeps them in range for a given
// operation is a rule of the domain (getMerchant 404s other roles, a payout wallet is on the deposit's network). This
// checks that rule where the view relies on it instead of casting it away: a broken rule is an internal error, never
// an answer the contract does not allow.
export function inEnum<A extends string>(value: string, allowed: readonly A[], what: string): A {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`${what} ${value} is not one of ${allowed.join(', ')} as the contract requires`);
  return found;
}
