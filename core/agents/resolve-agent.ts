/**
 * Maps a channel identity to an Agent. Unknown people are refused unless the surface is configured to
 * register everyone who can post there (e.g. a private Slack triage channel, where membership is the
 * access control).
 */
import type { Tx } from '../store/database.ts';
import type { Channel } from '../model/messages.ts';
import type { Agent } from '../../prisma/generated/sqlite/client.ts';
import { AppError } from '../model/errors.ts';

export async function resolveAgent(
  tx: Tx,
  channel: Channel,
  who: { externalUserId: string; displayName?: string },
  autoRegister: boolean,
): Promise<Agent> {
  const identity = await tx.agentIdentity.findUnique({
    where: { channel_externalUserId: { channel, externalUserId: who.externalUserId } },
    include: { agent: true },
  });
  if (identity?.agent.active) return identity.agent;
  if (identity || !autoRegister) throw new AppError('unknown_agent', 'only registered agents can work tickets here');
  return tx.agent.create({
    data: {
      name: (who.displayName?.trim() || `${channel} agent ${who.externalUserId}`).slice(0, 120),
      identities: { create: { channel, externalUserId: who.externalUserId } },
    },
  });
}

/** Registers (or updates) an agent with identities on channels; used by configuration and the admin API. */
export async function upsertAgent(
  tx: Tx,
  input: { name: string; role?: string; identities: Array<{ channel: Channel; externalUserId: string }> },
): Promise<Agent> {
  const known = await tx.agentIdentity.findFirst({
    where: { OR: input.identities.map((i) => ({ channel: i.channel, externalUserId: i.externalUserId })) },
  });
  const agent = known
    ? await tx.agent.update({ where: { id: known.agentId }, data: { name: input.name, role: input.role ?? 'agent', active: true } })
    : await tx.agent.create({ data: { name: input.name, role: input.role ?? 'agent' } });
  for (const identity of input.identities) {
    await tx.agentIdentity.upsert({
      where: { channel_externalUserId: identity },
      create: { ...identity, agentId: agent.id },
      update: { agentId: agent.id },
    });
  }
  return agent;
}
