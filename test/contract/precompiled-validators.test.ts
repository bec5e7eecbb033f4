// The build's precompiled validators (ajv standalone code) must behave exactly like validators compiled at run time
// from the same plan: same verdict, same error details, same coercion and defaults written into the data.
import { describe, expect, test } from 'vitest';
import { productDocument, controlDocument, type OpenApiDocument } from '../../src/contracts/document.ts';
import { readOperations, resolvePointer } from '../../src/contracts/operations.ts';
import { planOperation, AJV_OPTIONS, type PlannedValidator } from '../../src/contracts/validator-plan.ts';
import { precompiledFor } from '../../src/contracts/precompiled.ts';
import { runtimeAjv } from '../../src/contracts/runtime-ajv.ts';
import { toDetails, compileContract } from '../../src/contracts/validation.ts';

/** Inputs that break a schema in many ways: wrong types for each property, unknown fields, missing fields. */
function probes(doc: OpenApiDocument, schema: object): unknown[] {
  let s = schema as Record<string, unknown>;
  for (let i = 0; i < 5 && typeof s.$ref === 'string'; i++) s = resolvePointer(doc, (s.$ref as string).replace(/^contract/, '')) ?? {};
  const props = Object.keys((s.properties ?? {}) as object);
  const wrong = (v: unknown) => Object.fromEntries(props.map((p) => [p, v]));
  return [{}, null, 'text', 42, [], { unknown_field: 1 }, wrong(12345), wrong('not-a-number'), wrong(true), wrong({ a: 1 }), wrong(['x', 'y']), wrong('')];
}

for (const [name, doc] of [['product', productDocument], ['control', controlDocument]] as const) {
  describe(`${name} contract`, () => {
    const built = precompiledFor(doc);
    const plan: PlannedValidator[] = readOperations(doc).flatMap(planOperation);
    const ajvs = Object.fromEntries(Object.entries(AJV_OPTIONS).map(([k, o]) => [k, runtimeAjv(o, doc)]));

    test('the build precompiled every planned validator of the current document', () => {
      expect(built).toBeDefined();
      expect(Object.keys(built!).sort()).toEqual(plan.map((v) => v.key).sort());
      expect(compileContract(doc).validators.size).toBe(readOperations(doc).length);
    });

    test('each precompiled validator gives the same verdict, details and coerced data as a run-time one', () => {
      let compared = 0;
      for (const v of plan) {
        const runtime = ajvs[v.kind].compile(v.schema);
        for (const input of probes(doc, v.schema)) {
          const a = structuredClone(input);
          const b = structuredClone(input);
          const okBuilt = built![v.key](a);
          const okRuntime = runtime(b);
          expect({ key: v.key, ok: okBuilt, data: a, details: toDetails(built![v.key].errors, 'body') })
            .toEqual({ key: v.key, ok: okRuntime, data: b, details: toDetails(runtime.errors, 'body') });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(plan.length * 10);
    }, 120_000);
  });
}
