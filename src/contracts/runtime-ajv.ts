// ajv at run time: only for a document the build did not precompile (a contract given to the harness, or one edited
// since the last `npm run build`). The sandbox's own contract normally never gets here.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { DOC_ID } from './validator-plan.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export function runtimeAjv(options: object, doc?: object): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  if (doc) ajv.addSchema(doc, DOC_ID);
  return ajv;
}

const warned = new Set<string>();

/** One line per source, so a stale build is visible rather than only slow. */
export function staleWarning(what: string): void {
  if (warned.has(what)) return;
  warned.add(what);
  console.warn(`coinpool-sandbox: the precompiled validators of ${what} are out of date (run \`npm run build\`); compiling them now`);
}
