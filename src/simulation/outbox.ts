// Emails the sandbox "sends" (negotiated FX codes, notifications) land in an outbox instead of a mail server;
// GET /__sandbox/outbox shows them.
import type { World } from '../kernel/world.ts';

export interface OutboxEmailRow {
  id: string;
  to: string;
  subject: string;
  body: string;
  kind: string;
  reference_id: string | null;
  sent_at: string;
}

export const outbox = (w: World) => w.table<OutboxEmailRow>('outbox');

export function sendEmail(world: World, input: Omit<OutboxEmailRow, 'id' | 'sent_at'>): OutboxEmailRow {
  return outbox(world).insert({ ...input, id: world.random.uuid(), sent_at: world.nowIso() });
}
