// A vitest reporter that shows where a run's time went, per test file: its import (collect) and its tests + hooks,
// the slowest files first, and writes every file's figures to $TIMINGS_OUT (default test-output/timings.json).
// Use: npx vitest run --reporter=default --reporter=./scripts/vitest-timings.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export default class TimingReporter {
  rows = [];
  t0 = Date.now();
  starts = new Map();

  onTestModuleStart(module) { this.starts.set(module.moduleId, Date.now()); }

  onTestModuleEnd(module) {
    const d = module.diagnostic();
    this.rows.push({
      file: module.moduleId.replace(`${process.cwd()}/`, ''),
      start: (this.starts.get(module.moduleId) - this.t0) / 1000,
      end: (Date.now() - this.t0) / 1000,
      collect: d.collectDuration / 1000,
      duration: d.duration / 1000,
      state: module.state(),
    });
  }

  onTestRunEnd() {
    const wall = (Date.now() - this.t0) / 1000;
    const out = process.env.TIMINGS_OUT || 'test-output/timings.json';
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ wall, rows: this.rows }, null, 1));
    const sum = (key) => this.rows.reduce((s, r) => s + r[key], 0).toFixed(1);
    const slowest = [...this.rows].sort((a, b) => (b.collect + b.duration) - (a.collect + a.duration)).slice(0, 15);
    console.log(`\ntimings: ${this.rows.length} files in ${wall.toFixed(1)} s; summed over files: import ${sum('collect')} s, tests + hooks ${sum('duration')} s`);
    for (const r of slowest) {
      console.log(`  ${(r.collect + r.duration).toFixed(1).padStart(6)} s = import ${r.collect.toFixed(1).padStart(5)} + tests ${r.duration.toFixed(1).padStart(5)}  ${r.file}`);
    }
  }
}
