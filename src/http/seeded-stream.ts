// A seeded random stream of its own for the sandbox's timing and fault draws: derived from the world's seed (so a run
// is reproducible), but apart from World.random, so that adding a fault or a latency profile does not change the ids
// every later object gets.
import { Faker, en } from '@faker-js/faker';

export class SeededStream {
  private faker: Faker | null = null;
  constructor(private readonly seed: number, private readonly stream: number) {}
  /** Uniform in [0, 1). The generator is built on the first draw: most sandboxes never inject a fault. */
  next(): number {
    if (!this.faker) { this.faker = new Faker({ locale: [en] }); this.faker.seed([this.seed, this.stream]); }
    return this.faker.number.float({ min: 0, max: 1, multipleOf: 1e-9 }) % 1;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}
