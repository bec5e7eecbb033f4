// Every relative link in README.md, docs/ and contracts/README.md points at a file of this repository, and every
// Markdown file a guide names in prose (`ENDPOINTS.md`, `docs/otc.md`) exists, relative to the guide or to the root.
// Paths into ../shared (the optional sibling checkout with the API reference) are allowed in prose only.
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FILES = ['README.md', 'contracts/README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Text outside fenced code blocks: commands and code may mention files that a reader creates. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');

describe('links in the guides', () => {
  test.each(FILES)('%s: every relative link resolves', (file) => {
    const text = prose(readFileSync(file, 'utf8'));
    const broken = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!)
      .filter((link) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(link))
      .filter((link) => !existsSync(join(dirname(file), decodeURIComponent(link.split('#')[0]!))));
    expect(broken).toEqual([]);
  });

  test.each(FILES)('%s: every Markdown file named in prose exists', (file) => {
    // A link's own text names its target, which the first test checks.
    const text = prose(readFileSync(file, 'utf8')).replace(/\[[^\]]*\]\([^)]*\)/g, '');
    const missing = [...text.matchAll(/(?<![\w/.-])([A-Za-z0-9_][A-Za-z0-9_./-]*\.md)\b/g)].map((m) => m[1]!)
      .filter((name) => !name.startsWith('../shared/'))
      .filter((name) => !existsSync(join(dirname(file), name)) && !existsSync(name));
    expect(missing).toEqual([]);
  });
});
