// Types of scripts/sandbox-decisions.mjs (a build script in plain JavaScript, imported by a test).
export function decisionsIn(description: unknown): string[];
export function markDecisions<T extends object>(doc: T): T;
