// One line naming the machine a bench ran on, so a printed figure can be read (and pasted into the README) with it.
import os from 'node:os';

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpu}, ${os.cpus().length} cores,`
    + ` ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; load average ${load} before the run`;
}
