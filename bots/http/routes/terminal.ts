/**
 * The terminal channel over HTTP, for `npm run chat`: a local user sends messages and button presses, and
 * reads the replies the outbox delivered to them. Lets anyone try the bot with no Telegram or Slack account.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../../core/store/database.ts';
import type { IntakePort } from '../../../core/model/intake.ts';
import type { RequesterDelivery } from '../../../core/model/delivery.ts';

const user = z.string().trim().min(1).max(64).regex(/^[\w.@-]+$/, 'letters, digits, . _ - @ only');

const messageBody = z.object({
  user,
  /** Unique per user and message, so a resend after a network error is not processed twice. */
  id: z.string().trim().min(1).max(64).regex(/^[\w.:-]+$/, 'letters, digits, . _ : - only'),
  text: z.string().max(40_000).default(''),
  payload: z.string().max(64).optional(),
  language: z.string().max(10).optional(),
});

export function terminalRoutes(deps: { prisma: Prisma; intake: IntakePort }): Router {
  const router = Router();

  router.post('/terminal/messages', async (req, res) => {
    const body = messageBody.parse(req.body);
    const result = await deps.intake.accept({
      kind: 'requester',
      message: {
        channel: 'terminal',
        externalId: `${body.user}:${body.id}`,
        conversationKey: body.user,
        sender: { externalUserId: body.user, displayName: body.user, ...(body.language ? { languageCode: body.language } : {}) },
        text: body.text,
        ...(body.payload ? { action: { payload: body.payload } } : {}),
        receivedAt: new Date(),
      },
    });
    res.status(result.duplicate ? 200 : 202).json(result);
  });

  router.get('/terminal/replies', async (req, res) => {
    const q = z.object({ user, after: z.coerce.number().int().min(0).default(0) }).parse(req.query);
    const rows = await deps.prisma.outboxMessage.findMany({
      where: { channel: 'terminal', orderKey: `terminal:${q.user}`, status: 'sent', id: { gt: q.after } },
      orderBy: { id: 'asc' },
      take: 100,
    });
    res.json({ replies: rows.map((row) => ({ id: row.id, reply: (JSON.parse(row.payload) as RequesterDelivery).reply })) });
  });

  return router;
}
