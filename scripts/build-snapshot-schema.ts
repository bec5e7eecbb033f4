#!/usr/bin/env tsx
// Generates contracts/snapshot-rows.json: one JSON Schema per store table, derived from the TypeScript row types the
// domain code declares with `world.table<RowType>('name')`. The row types are the one source; restore validates a
// snapshot against this file (src/domain/snapshot-schema.ts adds what a type cannot say: decimals, references).
// `--check` exits 1 when the file is stale (a test runs it), so a new table or field cannot slip past restore.
import ts from 'typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

type Schema = Record<string, unknown>;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outAt = join(root, 'contracts', 'snapshot-rows.json');

export function buildSnapshotSchema(): string {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  })!;
  // Only the files that declare tables are roots (their imports come along): the checker's work is most of the time.
  const roots = config.fileNames.filter((f) => f.startsWith(join(root, 'src')) && readFileSync(f, 'utf8').includes('.table<'));
  const program = ts.createProgram(roots, { ...config.options, types: [] });
  const checker = program.getTypeChecker();
  const tables = new Map<string, Schema>();

  const visit = (node: ts.Node): void => {
    // world.table<Row>('name') (or w.table, this.table): the table's name and its row type.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'table'
      && node.typeArguments?.length === 1 && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const name = node.arguments[0].text;
      const schema = toSchema(checker.getTypeFromTypeNode(node.typeArguments[0]), 0);
      const previous = tables.get(name);
      if (previous && JSON.stringify(previous) !== JSON.stringify(schema)) {
        throw new Error(`table ${name} is declared with two different row types`);
      }
      tables.set(name, schema);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (!file.isDeclarationFile && file.fileName.startsWith(join(root, 'src'))) visit(file);

  function toSchema(type: ts.Type, depth: number): Schema {
    if (depth > 12) throw new Error(`row type nests too deeply: ${checker.typeToString(type)}`);
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.Null) return { type: 'null' };
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [checker.typeToString(type) === 'true'] };
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (type.isUnion()) return union(type.types.map((t) => toSchema(t, depth + 1)));
    if (checker.isArrayType(type)) {
      return { type: 'array', items: toSchema(checker.getTypeArguments(type as ts.TypeReference)[0], depth + 1) };
    }
    if (checker.isTupleType(type)) {
      const items = checker.getTypeArguments(type as ts.TypeReference).map((t) => toSchema(t, depth + 1));
      return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
    }
    if (f & ts.TypeFlags.Object || type.isIntersection()) {
      const properties: Record<string, Schema> = {};
      const required: string[] = [];
      for (const symbol of checker.getPropertiesOfType(type)) {
        const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
        if (!declaration) continue;
        const propType = checker.getTypeOfSymbolAtLocation(symbol, declaration);
        const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
        // An optional property reads as `T | undefined`: the snapshot simply omits it.
        properties[symbol.name] = toSchema(optional ? checker.getNonNullableType(propType) : propType, depth + 1);
        if (!optional) required.push(symbol.name);
      }
      const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
      const schema: Schema = { type: 'object', properties };
      if (required.length) schema.required = required;
      schema.additionalProperties = index ? toSchema(index.type, depth + 1) : false;
      return schema;
    }
    throw new Error(`no JSON Schema for the row type ${checker.typeToString(type)}`);
  }

  /** Literal unions collapse into one enum (`'a' | 'b' | null` → type [string, null], enum [a, b, null]). */
  function union(members: Schema[]): Schema {
    const literalOnly = members.every((m) => Object.keys(m).every((k) => k === 'type' || k === 'enum') && typeof m.type === 'string');
    const types = [...new Set(members.map((m) => m.type as string))].sort();
    if (literalOnly && members.every((m) => m.enum || m.type === 'null')) {
      // Sorted: the checker's union order depends on what it happened to check first.
      const values = members.flatMap((m) => (m.enum as unknown[]) ?? [null])
        .sort((a, b) => (a === null ? 1 : b === null ? -1 : String(a).localeCompare(String(b))));
      // boolean is true | false: no enum needed once both are there
      if (types.length === 1 && types[0] === 'boolean' && values.length === 2) return { type: 'boolean' };
      return { type: types.length === 1 ? types[0] : types, enum: values };
    }
    if (literalOnly && members.every((m) => !m.enum)) return { type: types.length === 1 ? types[0] : types };
    const merged = members.filter((m) => m.type !== 'null');
    if (merged.length === 1 && members.length === 2) {
      const one = merged[0];
      if (typeof one.type === 'string' && !one.enum) return { ...one, type: [one.type, 'null'] };
    }
    return { anyOf: members.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) };
  }

  const sorted = Object.fromEntries([...tables].sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({
    $comment: 'GENERATED by `npm run snapshot:build` from the row types of world.table<Row>(name) in src/. Do not edit.',
    tables: sorted,
  }, null, 1) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = buildSnapshotSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(outAt, 'utf8'); } catch { /* missing counts as stale */ }
    if (current !== text) {
      console.error('contracts/snapshot-rows.json is stale: run `npm run snapshot:build`');
      process.exit(1);
    }
    console.log('snapshot row schemas are up to date');
  } else {
    writeFileSync(outAt, text);
    console.log(`snapshot row schemas: ${Object.keys(JSON.parse(text).tables).length} tables`);
  }
}
