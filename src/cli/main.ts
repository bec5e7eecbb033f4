#!/usr/bin/env node
// The command line: `coinpool-sandbox [start|init-worker|verify|proxy] [options]`; `--help` lists everything. The
// commands and their options are one table (commands.ts); failures print one `error: ...` line (errors.ts).
import { runCli } from './run-cli.ts';
import { describeFailure } from './errors.ts';

runCli(process.argv.slice(2)).catch((error) => {
  const { line, exitCode } = describeFailure(error);
  console.error(line);
  if (process.env.DEBUG) console.error(error);
  process.exit(exitCode);
});
