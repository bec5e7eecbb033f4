// Negative requests built from the contract: the body of an operation with one required field taken away (or, when
// that is not enough to break it, the wrong JSON type altogether). The body validator the sandbox compiles for
// itself confirms the body really is invalid before verify sends it.
import type { OperationSpec } from '../contracts/operations.ts';
import { clone, deref, mediaExample, type HarnessContract } from './contract.ts';

export interface InvalidBody { body?: unknown; form?: Record<string, string | Blob>; broken: string }

export function invalidBody(contract: HarnessContract, op: OperationSpec): InvalidBody | null {
  const media = op.requestBody?.content['application/json'];
  const validate = contract.compiled.validators.get(op.operationId)?.body;
  if (!media && op.requestBody?.content['multipart/form-data']) return invalidForm(contract, op);
  if (!media || !validate) return null;
  const schema = deref(contract.compiled.document, media.schema as any) as { required?: string[]; properties?: Record<string, unknown> } | undefined;
  const example = mediaExample(contract.compiled.document, media);
  const stillValid = (body: unknown) => validate(clone(body));
  if (example && typeof example === 'object' && !Array.isArray(example)) {
    for (const field of schema?.required ?? []) {
      const prop = deref(contract.compiled.document, schema?.properties?.[field] as any) as { default?: unknown } | undefined;
      if (prop?.default !== undefined) continue; // a default would fill it back in
      const body = clone(example) as Record<string, unknown>;
      delete body[field];
      if (!stillValid(body)) return { body, broken: `without the required field ${field}` };
    }
  }
  const wrongType = ['not an object'];
  return stillValid(wrongType) ? null : { body: wrongType, broken: 'a JSON array instead of the documented object' };
}

/** A multipart upload without its first required part (the file of a proof upload): nothing to validate it with but
 *  the schema's `required`, which is exactly what is taken away. */
function invalidForm(contract: HarnessContract, op: OperationSpec): InvalidBody | null {
  const schema = deref(contract.compiled.document, op.requestBody?.content['multipart/form-data']?.schema as any) as { required?: string[] } | undefined;
  const [field] = schema?.required ?? [];
  return field ? { form: {}, broken: `a multipart body without its required part ${field}` } : null;
}
