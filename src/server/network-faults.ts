// The node host's side of `reset` and `timeout` faults (src/http/faults.ts): a reset destroys the socket without an
// answer; a timeout holds it open, answering nothing, until the client gives up or the 5-minute bound passes.
import type { IncomingMessage } from 'node:http';
import { TIMEOUT_FAULT_MAX_MS, type NetworkFault } from '../http/faults.ts';

export function dropConnection(req: IncomingMessage, fault: NetworkFault): void {
  if (fault === 'reset') { req.socket.destroy(); return; }
  const timer = setTimeout(() => req.socket.destroy(), TIMEOUT_FAULT_MAX_MS);
  timer.unref();
  req.socket.once('close', () => clearTimeout(timer));
}
