// Every random value of a sandbox comes from one seeded faker, so the same seed and the same requests give the
// same ids, addresses and tokens.
import type { Faker } from '@faker-js/faker';
// The English locale's entry point, not the package's: that one loads every locale (most of a second at start).
import { faker as english } from '@faker-js/faker/locale/en';

const HEX = '0123456789abcdef';

/** A fresh Faker over the English data (each world seeds its own; the shared instance is never used). */
const newFaker = (): Faker => new (english.constructor as new (options: { locale: object[] }) => Faker)({ locale: [english.rawDefinitions] });

/**
 * The same text as one flat string. Faker assembles ids by replacing characters one at a time, which leaves a tree of
 * concatenated and sliced pieces (about 100 bytes more than the text per id, kept for as long as the row that holds
 * the id); JSON.parse of the quoted text allocates a single flat copy.
 */
const flat = (s: string): string => JSON.parse(`"${s}"`) as string;

export class Random {
  readonly faker: Faker;
  constructor(seed: number) {
    this.faker = newFaker();
    this.faker.seed(seed);
  }
  /** Epoch 0 is the plain seed; a restored world (World.load) draws from another stream per epoch. */
  reseed(seed: number, epoch: number): void { this.faker.seed(epoch === 0 ? seed : [seed, epoch]); }
  /**
   * faker.string.uuid() drawn straight from its randomizer: the same 31 draws in the same order (30 hex digits, then the
   * variant digit, each floor(next() * range + min) as faker.number.int computes it), so the same ids; faker's own
   * spends two replaceAll callbacks and an option-checked int() per digit, a tenth of a write request's time.
   */
  uuid(): string {
    const randomizer = this.randomizer();
    let x = '';
    for (let i = 0; i < 30; i++) x += HEX[Math.floor(randomizer.next() * 16)];
    const y = HEX[Math.floor(randomizer.next() * 4 + 8)];
    return flat(`${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(12, 15)}-${y}${x.slice(15, 18)}-${x.slice(18)}`);
  }
  private randomizer(): { next(): number } {
    return (this.faker as unknown as { fakerCore: { randomizer: { next(): number } } }).fakerCore.randomizer;
  }
  bytes(n: number): Uint8Array {
    // faker.number.int({ min: 0, max: 255 }) is floor(next() * 256) behind a dozen option checks; an address takes 20 to
    // 32 of them, so draw from the same randomizer directly (the same stream, the same bytes).
    const randomizer = this.randomizer();
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(randomizer.next() * 256);
    return out;
  }
  hex(n: number): string { return flat(this.faker.string.hexadecimal({ length: n, casing: 'lower', prefix: '' })); }
  digits(n: number): string { return flat(this.faker.string.numeric({ length: n, allowLeadingZeros: true })); }
  alnumUpper(n: number): string { return flat(this.faker.string.alphanumeric({ length: n, casing: 'upper' })); }
  base64url(n: number): string {
    let s = '';
    for (const b of this.bytes(n)) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
}
