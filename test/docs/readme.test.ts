// The README's code blocks are executable documentation. Each fenced block is classified by its info string:
//   ```sh / ```bash / ```zsh   run, in order, in ONE shell session against a started sandbox (as when pasted into a
//                              terminal one after another), in bash and, when installed, in zsh; `localhost:4010` is
//                              the only text replaced (by the started sandbox's address);
//   ```text output             lines that must appear in the output of the shell block just before it;
//   ```ts / ```typescript      run as a module under vitest (`coinpool-sandbox` resolves to this package);
//   any of them + ` norun`     shown only (e.g. `npm ci && npm start`); every other language is prose.
// zsh runs interactive without rc files (`zsh -f -i`), as a paste into macOS's terminal would: there a `#` comment is
// an error ("command not found: #") and an unquoted `?` or `[0]` is a glob ("no matches found"), so those fail here.
import { afterAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer, type RunningServer } from '../../src/server/start.ts';

interface Block { index: number; lang: string; flags: string[]; code: string; line: number }

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  for (const m of markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const [lang = '', ...flags] = m[1]!.trim().split(/\s+/);
    out.push({ index: out.length, lang, flags, code: m[2]!, line: markdown.slice(0, m.index).split('\n').length });
  }
  return out;
}

const SHELL = ['sh', 'bash', 'zsh', 'shell'];
const TS = ['ts', 'typescript'];
const readme = blocks(readFileSync('README.md', 'utf8'));
const runnable = (b: Block) => !b.flags.includes('norun');
const shellBlocks = readme.filter((b) => SHELL.includes(b.lang) && runnable(b));
const tsBlocks = readme.filter((b) => TS.includes(b.lang) && runnable(b));
/** The expected lines of a shell block: the ```text output block right after it. */
const expected = (b: Block) => {
  const next = readme[b.index + 1];
  return next && next.lang === 'text' && next.flags.includes('output') ? next.code.split('\n').filter((l) => l.trim()) : [];
};

const shells = ['bash', ...(['/usr/bin/zsh', '/bin/zsh'].some((p) => existsSync(p)) ? ['zsh'] : [])];
// zsh interactive (its paste rules differ: see above), without the prompt's end-of-line marks; bash reads the script
// non-interactively (an interactive bash without a terminal echoes every line), which parses and globs the same way.
const ARGS: Record<string, string[]> = { bash: ['--norc', '--noprofile', '-s'], zsh: ['-f', '-i', '+o', 'promptsp', '+o', 'promptcr'] };
/** What a shell says on stderr besides the commands' own errors: nothing but blank lines. */
const NOISE = /^$/;

const servers: RunningServer[] = [];
afterAll(async () => { await Promise.all(servers.map((s) => s.close())); });

describe('README code blocks', () => {
  test('the README has runnable shell and TypeScript blocks, each checked below; the others say norun', () => {
    expect(shellBlocks.length).toBeGreaterThan(0);
    expect(tsBlocks.length).toBeGreaterThan(0);
    expect(readme.filter((b) => b.lang === '').map((b) => `README.md:${b.line}`)).toEqual([]); // an info string says what a block is
  });

  test.each(shells)('the shell blocks run in %s, pasted one after another, against a started sandbox', async (shell) => {
    const server = await startServer({ start: new Date('2026-11-22T09:00:00Z'), frozen: true });
    servers.push(server);
    const address = server.url.replace(/^http:\/\//, '');
    const script = shellBlocks.map((b) => `echo '@@block ${b.index}@@'\n${b.code.replaceAll('localhost:4010', address)}\n`).join('') + "echo '@@end@@'\n";
    // Asynchronously: the sandbox the shell calls lives in this process.
    const { stdout, stderr, status } = await new Promise<{ stdout: string; stderr: string; status: number | null }>((done) => {
      const child = spawn(shell, ARGS[shell]!, {
        env: { ...process.env, PS1: '', PS2: '', PROMPT: '', RPROMPT: '', HISTFILE: '/dev/null' } });
      let out = ''; let err = '';
      child.stdout.on('data', (c) => { out += c; });
      child.stderr.on('data', (c) => { err += c; });
      child.on('close', (code) => done({ stdout: out, stderr: err, status: code }));
      child.stdin.end(script);
    });
    expect(stdout, stderr).toContain('@@end@@');
    expect(status).toBe(0);
    expect(stderr.split('\n').filter((l) => !NOISE.test(l.trim()))).toEqual([]);
    for (const b of shellBlocks) {
      const section = stdout.split(`@@block ${b.index}@@`)[1]!.split(/@@(block \d+|end)@@/)[0]!;
      for (const line of expected(b)) expect(section, `README.md:${b.line} in ${shell}`).toContain(line);
    }
  }, 60_000);

  test.each(tsBlocks.map((b) => [b.line, b] as const))('the TypeScript block at README.md:%i runs as written', async (_line, b) => {
    mkdirSync('test-output/readme', { recursive: true });
    const file = resolve(`test-output/readme/block-${b.line}.ts`);
    writeFileSync(file, b.code);
    await import(/* @vite-ignore */ file);
  });
});

