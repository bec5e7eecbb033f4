// Marks the sandbox's own decisions in the merged contract. The fragments state each rule the docs do not give as a
// sentence "Not documented; the sandbox ..." (not in quotes) in the description of the operation or schema it governs (that is what a
// reader of /docs sees); the build copies each such sentence into an `x-sandbox-decision` list on that same node, so
// tools and GET /__sandbox/decisions find them without parsing prose. One source: the sentence in the fragment.
const SENTENCE = /(?<!["'“])Not documented; the sandbox[\s\S]*?\.(?=\s+[A-Z(`]|\s*$)/g;

export function decisionsIn(description) {
  if (typeof description !== 'string') return [];
  return [...description.replace(/\s*\n\s*/g, ' ').matchAll(SENTENCE)].map((m) => m[0].trim());
}

function mark(node) {
  const rules = decisionsIn(node?.description);
  if (rules.length) node['x-sandbox-decision'] = rules;
  else delete node?.['x-sandbox-decision'];
}

/** The API as a whole (info), every operation, every component schema and each of its properties (nested ones too). */
export function markDecisions(doc) {
  if (doc.info) mark(doc.info);
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) if (method !== 'parameters' && op && typeof op === 'object') mark(op);
  }
  const walkSchema = (schema) => {
    if (!schema || typeof schema !== 'object') return;
    mark(schema);
    for (const sub of Object.values(schema.properties ?? {})) walkSchema(sub);
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const sub of schema[key] ?? []) walkSchema(sub);
    if (schema.items) walkSchema(schema.items);
  };
  for (const schema of Object.values(doc.components?.schemas ?? {})) walkSchema(schema);
  return doc;
}
