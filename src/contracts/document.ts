// The contract enters the program as data, in one place. The JSON files are generated from contracts/src/*.yaml
// and contracts/sandbox-control.yaml by `npm run contract:build`, so that a browser bundle can import them too.
import productContract from '../../contracts/openapi.json' with { type: 'json' };
import controlContract from '../../contracts/sandbox-control.json' with { type: 'json' };

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}

export const productDocument = productContract as unknown as OpenApiDocument;
export const controlDocument = controlContract as unknown as OpenApiDocument;
