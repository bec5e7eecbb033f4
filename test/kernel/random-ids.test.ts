// Ids are drawn straight from faker's randomizer (src/kernel/random.ts) instead of through faker.string.uuid(), for
// speed; the draws must stay the same, or the same seed would stop giving the same ids as before.
import { describe, expect, test } from 'vitest';
import { Random } from '../../src/kernel/random.ts';

describe('seeded ids', () => {
  test('Random.uuid() gives exactly the ids faker.string.uuid() gives from the same seed, between other draws too', () => {
    for (const seed of [1, 42, 20240601]) {
      const fast = new Random(seed), faker = new Random(seed);
      for (let i = 0; i < 2000; i++) {
        if (i % 7 === 0) expect(fast.hex(5)).toBe(faker.hex(5));
        expect(fast.uuid()).toBe(faker.faker.string.uuid());
      }
    }
  });

  test('Random.hex(n) gives exactly the text faker.string.hexadecimal gives from the same seed (salts, tokens)', () => {
    for (const seed of [3, 99]) {
      const fast = new Random(seed), faker = new Random(seed);
      for (let i = 0; i < 1000; i++) {
        const n = 1 + (i % 40);
        expect(fast.hex(n)).toBe(faker.faker.string.hexadecimal({ length: n, casing: 'lower', prefix: '' }));
        if (i % 5 === 0) expect(fast.uuid()).toBe(faker.faker.string.uuid());
      }
    }
  });

  test('an id is a version 4 UUID', () => {
    const random = new Random(7);
    for (let i = 0; i < 500; i++) expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
