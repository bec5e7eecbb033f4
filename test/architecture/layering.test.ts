// The layers of ARCHITECTURE.md, checked on the import graph of src/ (test/architecture/import-graph.ts). Type-only
// imports count as edges, both for the layer rules and for cycles (one exception below: hosts may name the World type).
// npm packages are not checked here; "runs in a browser" is a separate concern of the hosts.
import { describe, expect, test } from 'vitest';
import { importGraph, fileCycles, type ImportEdge } from './import-graph.ts';

type Layer =
  | 'kernel' | 'contracts' | 'auth' | 'domain' | 'simulation' | 'http' | 'control' | 'worlds'
  | 'sandbox' | 'entry' | 'host' | 'tool' | 'artefact';

/** The layer of a file, by its folder (paths relative to the repository root). */
function layerOf(path: string): Layer {
  if (!path.startsWith('src/')) return 'artefact'; // contracts/*.json, contracts/generated, fixtures/default-world.ts
  if (path === 'src/sandbox.ts') return 'sandbox';
  if (path === 'src/index.ts') return 'entry';
  const folder = path.split('/')[1];
  switch (folder) {
    case 'kernel': case 'contracts': case 'auth': case 'domain': case 'simulation': case 'http': case 'control': case 'worlds':
      return folder;
    case 'server': case 'cli': case 'browser': return 'host';
    case 'contract-runner': return 'tool';
    default: throw new Error(`${path}: a folder of src/ with no layer; add it to layerOf and ARCHITECTURE.md`);
  }
}

/** What each layer may import besides itself. */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  kernel: [],
  // The contract's documents and validators (ajv); the error type for request validation.
  contracts: ['kernel', 'artefact'],
  // Principals, tokens, passwords and the role policy; authenticate.ts reads the users table.
  auth: ['kernel', 'domain'],
  // The rules; simulations only through their interface files (see SIMULATION_INTERFACES); types generated from the
  // contract, the snapshot row schemas and the default world's fixture data.
  domain: ['kernel', 'auth', 'artefact'],
  // Simulated external systems (M-Pesa, chains, webhooks, the outbox); they check what they send against
  // contracts/events, so they may use the contract layer.
  simulation: ['kernel', 'contracts'],
  // Pipeline, handlers and wire views.
  http: ['kernel', 'contracts', 'auth', 'domain', 'artefact'],
  // The /__sandbox control API drives everything below it (clock, simulations, fixtures, snapshots).
  control: ['kernel', 'contracts', 'auth', 'domain', 'simulation', 'http', 'worlds', 'artefact'],
  worlds: ['kernel', 'contracts', 'http', 'control', 'artefact'],
  // The composition root: builds a world, seeds it, installs the simulations, serves both APIs.
  sandbox: ['kernel', 'contracts', 'auth', 'domain', 'simulation', 'http', 'control', 'worlds', 'artefact'],
  // The library's public entry (Node): the sandbox, its clients, startServer and the state file.
  entry: ['sandbox', 'http', 'control', 'worlds', 'host', 'artefact'],
  // express, the CLI and the service worker talk to a Sandbox (and carry its requests with the http exchange types,
  // host its worlds, serve the contract as docs); they never reach into the domain, the simulations or auth.
  host: ['sandbox', 'entry', 'http', 'contracts', 'control', 'worlds', 'tool', 'artefact'],
  // The contract runner (verify, dredd, webhook-check): a Node tool that may build a sandbox to run against; it signs
  // webhooks with the simulated delivery's scheme.
  tool: ['sandbox', 'http', 'contracts', 'control', 'simulation', 'host', 'artefact'],
  artefact: [],
};

/** Type-only imports a layer may make beyond MAY_IMPORT: hosts load and export a World's state (state file, browser). */
const MAY_IMPORT_TYPES: Partial<Record<Layer, Layer[]>> = { host: ['kernel'] };

/**
 * The files of src/simulation the domain may import: the small interfaces the domain calls. Empty until feat/simwiring
 * (issue 13, "each simulated external system behind a small interface") lands; the lead lists its interface files here.
 */
const SIMULATION_INTERFACES = new Set<string>([]);

/**
 * Edges that break the rules today and are being removed on branch feat/simwiring (domain and simulation import each
 * other's implementation files). A listed edge that no longer occurs fails the test, so the list only shrinks: the
 * lead empties it when that branch merges. Nothing outside src/domain ⇄ src/simulation may be listed here.
 */
const PENDING_SIMWIRING = new Set<string>([
  // domain → simulation implementation files
  'src/domain/marketplace/order-flow.ts -> src/simulation/chain.ts',
  'src/domain/marketplace/order-flow.ts -> src/simulation/mpesa-b2c.ts',
  'src/domain/marketplace/order-flow.ts -> src/simulation/mpesa-reversal.ts',
  'src/domain/marketplace/order-flow.ts -> src/simulation/mpesa.ts',
  'src/domain/marketplace/payments.ts -> src/simulation/chain.ts',
  'src/domain/marketplace/payments.ts -> src/simulation/mpesa.ts',
  'src/domain/marketplace/payout-result.ts -> src/simulation/chain.ts',
  'src/domain/marketplace/payout-result.ts -> src/simulation/mpesa-b2c.ts',
  'src/domain/marketplace/remittance-chain.ts -> src/simulation/chain.ts',
  'src/domain/marketplace/remittance.ts -> src/simulation/chain.ts',
  'src/domain/merchants/transfer-create.ts -> src/simulation/chain.ts',
  'src/domain/merchants/transfers.ts -> src/simulation/chain.ts',
  'src/domain/multisig.ts -> src/simulation/chain.ts',
  'src/domain/multisig.ts -> src/simulation/multisig-expiry.ts',
  'src/domain/otc/deposit-create.ts -> src/simulation/mpesa.ts',
  'src/domain/otc/deposit-mpesa.ts -> src/simulation/mpesa.ts',
  'src/domain/otc/negotiated-fx.ts -> src/simulation/outbox.ts',
  'src/domain/otc/withdrawal-payout.ts -> src/simulation/mpesa-b2c.ts',
  'src/domain/otc/withdrawals.ts -> src/simulation/chain.ts',
  'src/domain/otc/withdrawals.ts -> src/simulation/mpesa-b2c.ts',
  // simulation → domain internals (the areas' wiring, moving to src/domain/<area>/install.ts)
  'src/simulation/marketplace.ts -> src/domain/marketplace/config.ts',
  'src/simulation/marketplace.ts -> src/domain/marketplace/order-flow.ts',
  'src/simulation/marketplace.ts -> src/domain/marketplace/payout-result.ts',
  'src/simulation/marketplace.ts -> src/domain/marketplace/remittance.ts',
  'src/simulation/marketplace.ts -> src/domain/marketplace/tables.ts',
  'src/simulation/marketplace.ts -> src/domain/pricing/index.ts',
  'src/simulation/marketplace.ts -> src/domain/treasury-report.ts',
  'src/simulation/merchants.ts -> src/domain/merchants/transfers.ts',
  'src/simulation/merchants.ts -> src/domain/multisig.ts',
  'src/simulation/multisig-expiry.ts -> src/domain/multisig.ts',
  'src/simulation/otc.ts -> src/domain/multisig.ts',
  'src/simulation/otc.ts -> src/domain/otc/deposit-create.ts',
  'src/simulation/otc.ts -> src/domain/otc/deposit-credit.ts',
  'src/simulation/otc.ts -> src/domain/otc/deposit-mpesa.ts',
  'src/simulation/otc.ts -> src/domain/otc/deposits.ts',
  'src/simulation/otc.ts -> src/domain/otc/negotiated-fx.ts',
  'src/simulation/otc.ts -> src/domain/otc/withdrawal-payout.ts',
  'src/simulation/otc.ts -> src/domain/otc/withdrawals.ts',
  'src/simulation/otc.ts -> src/domain/pricing/index.ts',
  'src/simulation/remittance-chain.ts -> src/domain/marketplace/remittance-chain.ts',
]);
/** File cycles through the same edges (the domain calls the expiry job, the job expires proposals). */
const PENDING_SIMWIRING_CYCLES = new Set<string>(['src/domain/multisig.ts ⇄ src/simulation/multisig-expiry.ts']);

const edges = importGraph();
const internal = edges.filter((e) => !e.external);
const describeEdge = (e: ImportEdge) => `${e.from} -> ${e.to}`;

function allowed(e: ImportEdge): boolean {
  const from = layerOf(e.from);
  const to = layerOf(e.to);
  if (from === to) return true;
  if (from === 'domain' && to === 'simulation') return SIMULATION_INTERFACES.has(e.to);
  return MAY_IMPORT[from].includes(to) || (e.typeOnly && (MAY_IMPORT_TYPES[from] ?? []).includes(to));
}

describe('layering of src/ (ARCHITECTURE.md)', () => {
  test('the graph is read: src/sandbox.ts imports the world from the kernel, type-only imports are seen as such', () => {
    expect(internal.some((e) => e.from === 'src/sandbox.ts' && e.to === 'src/kernel/world.ts' && !e.typeOnly)).toBe(true);
    expect(internal.some((e) => e.from === 'src/domain/users.ts' && e.to === 'src/kernel/world.ts' && e.typeOnly)).toBe(true);
    expect(internal.length).toBeGreaterThan(500);
  });

  test('every import follows the layer rules (beyond the edges feat/simwiring removes)', () => {
    const broken = [...new Set(internal.filter((e) => !allowed(e)).map(describeEdge))].sort();
    expect(broken.filter((e) => !PENDING_SIMWIRING.has(e))).toEqual([]);
    // The pending list only shrinks: an entry that no longer occurs must go.
    expect([...PENDING_SIMWIRING].filter((e) => !broken.includes(e))).toEqual([]);
  });

  test('the kernel imports nothing outside itself (npm packages aside)', () => {
    expect(internal.filter((e) => e.from.startsWith('src/kernel/') && !e.to.startsWith('src/kernel/')).map(describeEdge)).toEqual([]);
  });

  test('no two files import each other, directly or around a loop (type-only imports included)', () => {
    const cycles = fileCycles(edges).map((c) => c.join(' ⇄ ')).sort();
    expect(cycles.filter((c) => !PENDING_SIMWIRING_CYCLES.has(c))).toEqual([]);
    expect([...PENDING_SIMWIRING_CYCLES].filter((c) => !cycles.includes(c))).toEqual([]);
  });
});
