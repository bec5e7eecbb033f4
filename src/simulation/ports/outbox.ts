// The email outbox as the domain calls it: what the sandbox "sends" (negotiated FX codes, notifications) lands there
// instead of a mail server. The implementation is src/simulation/outbox.ts; a world reaches it through outboxOf(world).
import type { World } from '../../kernel/world.ts';
import { hookKey } from '../../kernel/hooks.ts';

export interface OutboxEmailRow {
  id: string;
  to: string;
  subject: string;
  body: string;
  kind: string;
  reference_id: string | null;
  sent_at: string;
}

export type NewEmail = Omit<OutboxEmailRow, 'id' | 'sent_at'>;

export interface OutboxPort {
  send(email: NewEmail): OutboxEmailRow;
}

export const OUTBOX_PORT = hookKey<OutboxPort>('simulation.outbox');
export const outboxOf = (world: World): OutboxPort => world.hooks.use(OUTBOX_PORT);
