// SIGINT/SIGTERM: close what is listening, then exit 0. A second signal while closing exits at once.
//
// Under `npm start` or `npx coinpool-sandbox`, npm runs us through `sh -c`, and on SIGTERM npm signals that shell,
// which (dash) dies without passing the signal on. So when npm started us, we also stop as soon as our parent is gone:
// `kill <pid of npm start>` then leaves no server listening.
export function closeOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) process.exit(1);
    closing = true;
    close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    const watch = setInterval(() => { if (process.ppid !== parent) stop(); }, 200);
    watch.unref();
  }
}
