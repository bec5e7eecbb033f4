// What the CLI prints when a command fails: one line a person can act on, never a stack trace (set DEBUG=1 for one).
import { UsageError } from './option-table.ts';

interface SystemError extends Error { code?: string; port?: number; address?: string; syscall?: string }

export function describeFailure(error: unknown): { line: string; exitCode: number } {
  const e = error as SystemError;
  if (error instanceof UsageError) return { line: `error: ${e.message}`, exitCode: 2 };
  if (e?.code === 'EADDRINUSE') {
    return { line: `error: port ${e.port ?? ''} is in use (another sandbox?); choose one with --port`.replace('port  is', 'the port is'), exitCode: 1 };
  }
  if (e?.code === 'EACCES' && e.syscall === 'listen') return { line: `error: no permission to listen on port ${e.port}; choose one above 1023 with --port`, exitCode: 1 };
  if (e?.code === 'EADDRNOTAVAIL' || e?.code === 'ENOTFOUND') return { line: `error: cannot listen on host ${e.address ?? e.message}; check --host`, exitCode: 1 };
  return { line: `error: ${e?.message ?? String(error)}`, exitCode: 1 };
}
