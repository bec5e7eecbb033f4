// The sandbox's own failures (a crashed handler, a failed job, a payload of ours that broke its schema), shown at
// GET /__sandbox/problems. Bounded: a sandbox left running with a recurring failure keeps the latest ones only.
export interface Problem { at: string; kind: string; message: string }

/** How many problems are kept; older ones are dropped first. */
export const MAX_PROBLEMS = 500;

export function recordProblem(problems: Problem[], problem: Problem): void {
  problems.push(problem);
  if (problems.length > MAX_PROBLEMS) problems.splice(0, problems.length - MAX_PROBLEMS);
}
