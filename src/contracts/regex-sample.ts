// The shortest string a (simple) regular expression of a contract's `pattern` accepts: literals, escapes, classes,
// groups, alternation (first branch) and quantifiers (their minimum). Enough for the patterns contracts use; a
// caller checks the result with the validator anyway.

export function sampleOfPattern(pattern: string): string {
  const p = new Parser(pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, ''));
  return p.alternation();
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  alternation(): string {
    const first = this.sequence();
    // Other branches are read and dropped: the first one is as valid as any.
    while (this.src[this.i] === '|') { this.i++; this.sequence(); }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      out += this.repeat(atom);
    }
    return out;
  }

  private atom(): string {
    const c = this.src[this.i++];
    if (c === '(') {
      if (this.src[this.i] === '?') this.i += 2; // (?: ... ) and friends
      const inner = this.alternation();
      this.i++; // ')'
      return inner;
    }
    if (c === '[') return this.cls();
    if (c === '\\') return this.escape(this.src[this.i++]);
    if (c === '.') return 'a';
    if (c === '^' || c === '$') return '';
    return c;
  }

  private escape(c: string): string {
    switch (c) {
      case 'd': return '0';
      case 'w': return 'a';
      case 's': return ' ';
      case 'D': case 'W': case 'S': return '-';
      default: return c;
    }
  }

  /** The first character a class admits (a negated class: a letter that is not listed, else '#'). */
  private cls(): string {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const members: string[] = [];
    let first: string | null = null;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      let c = this.src[this.i++];
      if (c === '\\') c = this.escape(this.src[this.i++]);
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') {
        const to = this.src[this.i + 1] === '\\' ? this.escape(this.src[this.i + 2]) : this.src[this.i + 1];
        this.i += this.src[this.i + 1] === '\\' ? 3 : 2;
        for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) members.push(String.fromCharCode(code));
      } else members.push(c);
      first ??= members[0];
    }
    this.i++; // ']'
    if (!negated) return first ?? '';
    return ['a', 'b', 'x', 'Z', '0', '#'].find((ch) => !members.includes(ch)) ?? '#';
  }

  private repeat(atom: string): string {
    const q = this.src[this.i];
    if (q === '?' || q === '*') { this.i++; this.lazy(); return ''; }
    if (q === '+') { this.i++; this.lazy(); return atom; }
    if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m) { this.i += m[0].length; this.lazy(); return atom.repeat(Number(m[1])); }
    }
    return atom;
  }

  private lazy(): void { if (this.src[this.i] === '?') this.i++; }
}
