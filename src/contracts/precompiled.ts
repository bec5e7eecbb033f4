// The build's precompiled validators for the sandbox's own two documents (scripts/build-validators.ts). Used only
// while they match the document in hand: a contract edited since the last build falls back to run-time compilation.
import type { ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './document.ts';
import { productDocument, controlDocument } from './document.ts';
import * as product from '../../contracts/generated/openapi.validators.js';
import * as control from '../../contracts/generated/sandbox-control.validators.js';
import { fingerprint } from './validator-plan.ts';
import { staleWarning } from './runtime-ajv.ts';

const BUILT: [OpenApiDocument, typeof product, string][] = [
  [productDocument, product, 'contracts/openapi.json'],
  [controlDocument, control, 'contracts/sandbox-control.json'],
];

/** Validator key → validate function for a document the build compiled, or undefined (compile it at run time). */
export function precompiledFor(doc: OpenApiDocument): Record<string, ValidateFunction> | undefined {
  const built = BUILT.find(([d]) => d === doc);
  if (!built) return undefined;
  const [, module, name] = built;
  if (module.fingerprint === fingerprint(doc)) return module.validators;
  staleWarning(name);
  return undefined;
}
