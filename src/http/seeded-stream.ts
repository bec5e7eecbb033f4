// A seeded random stream of its own for the sandbox's timing and fault draws: derived from the world's seed (so a run
// is reproducible), but apart from World.random, so that adding a fault or a latency profile does not change the ids
// every later object gets.
import { Faker, en } from '@faker-js/faker';

export class SeededStream {
  private readonly faker = new Faker({ locale: [en] });
  constructor(seed: number, stream: number) { this.faker.seed([seed, stream]); }
  /** Uniform in [0, 1). */
  next(): number { return this.faker.number.float({ min: 0, max: 1, multipleOf: 1e-9 }) % 1; }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}
