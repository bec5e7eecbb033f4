// Every random value of a sandbox comes from one seeded faker, so the same seed and the same requests give the
// same ids, addresses and tokens.
import type { Faker } from '@faker-js/faker';
// The English locale's entry point, not the package's: that one loads every locale (most of a second at start).
import { faker as english } from '@faker-js/faker/locale/en';
import { HEX_CODES } from './addresses.ts';

/** A uuid's 36 character codes, reused by every call (its dashes and version digit never change). */
const UUID_CODES = Array.from('00000000-0000-4000-8000-000000000000', (ch) => ch.charCodeAt(0));
/** Where faker's 30 random digits land: 8, 4, 3 after the '4', 3 after the variant digit (index 19), 12. */
const UUID_SLOTS = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 15, 16, 17, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35];

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
    const c = UUID_CODES;
    // digit i of faker's 30 goes to UUID_SLOTS[i]; the dashes and the version '4' stay where the template put them
    for (let i = 0; i < 30; i++) c[UUID_SLOTS[i]] = HEX_CODES[Math.floor(randomizer.next() * 16)];
    c[19] = HEX_CODES[Math.floor(randomizer.next() * 4 + 8)];
    return String.fromCharCode.apply(null, c);
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
  /**
   * faker.string.hexadecimal({ length: n, casing: 'lower', prefix: '' }) drawn straight from its randomizer: faker picks
   * each digit from 22 characters (0-9, a-f, A-F) with floor(next() * 22), then lower-cases; the same draws, the same text.
   */
  hex(n: number): string {
    const randomizer = this.randomizer();
    const c = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(randomizer.next() * 22);
      c[i] = HEX_CODES[k < 16 ? k : k - 6];
    }
    return String.fromCharCode.apply(null, c);
  }
  digits(n: number): string { return flat(this.faker.string.numeric({ length: n, allowLeadingZeros: true })); }
  alnumUpper(n: number): string { return flat(this.faker.string.alphanumeric({ length: n, casing: 'upper' })); }
  base64url(n: number): string {
    let s = '';
    for (const b of this.bytes(n)) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
}
