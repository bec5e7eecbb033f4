// The request log line, written without costing a write(2) per request: lines gather in memory and go out in one
// write at most every `delayMs` (or sooner past 64 KB). stdout to a pipe or file is synchronous in Node, so
// console.log per request cost a sixth to a third of the server's throughput, and a write per tick of the event loop
// still about a tenth under load; 50 ms is too short for a person watching the log to notice. flush() before exiting.
export interface LineWriter {
  (line: string): void;
  flush(): void;
}

export function bufferedLines(out: { write(chunk: string): unknown } = process.stdout, maxBytes = 64 * 1024, delayMs = 50): LineWriter {
  let pending: string[] = [];
  let bytes = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending.length) return;
    const chunk = pending.join('\n') + '\n';
    pending = [];
    bytes = 0;
    out.write(chunk);
  };
  const write = ((line: string) => {
    pending.push(line);
    bytes += line.length + 1;
    if (bytes >= maxBytes) flush();
    else if (!scheduled) { scheduled = true; setTimeout(flush, delayMs).unref(); }
  }) as LineWriter;
  write.flush = flush;
  return write;
}
