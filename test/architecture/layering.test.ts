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
  if (path === 'src/sandbox.ts' || path === 'src/install-world.ts') return 'sandbox'; // the composition root
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
  // Principals, roles, tokens, passwords and the role policy (authentication, which reads the users table, is http's).
  auth: ['kernel'],
  // The rules; simulations only through their interface files (see SIMULATION_INTERFACES); types generated from the
  // contract, the snapshot row schemas and the default world's fixture data.
  domain: ['kernel', 'auth', 'artefact'],
  // Simulated external systems (M-Pesa, chains, webhooks, the outbox): the kernel only; what they send is checked
  // against the contract by the checks src/install-world.ts hands them.
  simulation: ['kernel'],
  // Pipeline, handlers and wire views.
  http: ['kernel', 'contracts', 'auth', 'domain', 'artefact'],
  // The /__sandbox control API drives everything below it (clock, simulations, fixtures, snapshots).
  // The worlds registry's handlers are handed in by the sandbox (worlds sits above control).
  control: ['kernel', 'contracts', 'auth', 'domain', 'simulation', 'http', 'artefact'],
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

/** The files of src/simulation the domain may import: the small interfaces (ports) the domain calls. */
const isSimulationInterface = (path: string) => path.startsWith('src/simulation/ports/');

const edges = importGraph();
const internal = edges.filter((e) => !e.external);
const describeEdge = (e: ImportEdge) => `${e.from} -> ${e.to}`;

function allowed(e: ImportEdge): boolean {
  const from = layerOf(e.from);
  const to = layerOf(e.to);
  if (from === to) return true;
  if (from === 'domain' && to === 'simulation') return isSimulationInterface(e.to);
  return MAY_IMPORT[from].includes(to) || (e.typeOnly && (MAY_IMPORT_TYPES[from] ?? []).includes(to));
}

describe('layering of src/ (ARCHITECTURE.md)', () => {
  test('the graph is read: src/sandbox.ts imports the world from the kernel, type-only imports are seen as such', () => {
    expect(internal.some((e) => e.from === 'src/sandbox.ts' && e.to === 'src/kernel/world.ts' && !e.typeOnly)).toBe(true);
    expect(internal.some((e) => e.from === 'src/domain/users.ts' && e.to === 'src/kernel/world.ts' && e.typeOnly)).toBe(true);
    expect(internal.length).toBeGreaterThan(500);
  });

  test('every import follows the layer rules', () => {
    expect([...new Set(internal.filter((e) => !allowed(e)).map(describeEdge))].sort()).toEqual([]);
  });

  test('the kernel imports nothing outside itself (npm packages aside)', () => {
    expect(internal.filter((e) => e.from.startsWith('src/kernel/') && !e.to.startsWith('src/kernel/')).map(describeEdge)).toEqual([]);
  });

  test('no two files import each other, directly or around a loop (type-only imports included)', () => {
    expect(fileCycles(edges).map((c) => c.join(' ⇄ ')).sort()).toEqual([]);
  });
});
