/**
 * The parts of Slack's payloads the adapter reads, validated at the edge. Schemas are loose (unknown
 * fields pass) because Slack adds fields freely; anything failing them is logged and ignored, never thrown.
 */
import { z } from 'zod';

export const UrlVerificationSchema = z.looseObject({
  type: z.literal('url_verification'),
  challenge: z.string(),
});

export const EventEnvelopeSchema = z.looseObject({
  type: z.literal('event_callback'),
  team_id: z.string().optional(),
  event_id: z.string().optional(),
  event: z.looseObject({ type: z.string() }),
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

const FileSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  mimetype: z.string().optional(),
  size: z.number().optional(),
});
export type SlackFile = z.infer<typeof FileSchema>;

export const MessageEventSchema = z.looseObject({
  type: z.enum(['message', 'app_mention']),
  channel: z.string(),
  ts: z.string(),
  user: z.string().optional(),
  text: z.string().optional(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  hidden: z.boolean().optional(),
  channel_type: z.string().optional(),
  /** Workspace of the author (differs from ours for Slack Connect / external users). */
  user_team: z.string().optional(),
  team: z.string().optional(),
  files: z.array(FileSchema).optional(),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

export const AppHomeOpenedSchema = z.looseObject({
  type: z.literal('app_home_opened'),
  user: z.string(),
  tab: z.string().optional(),
});

const UserSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  username: z.string().optional(),
  team_id: z.string().optional(),
});

const TeamSchema = z.looseObject({ id: z.string() }).nullable().optional();

export const BlockActionSchema = z.looseObject({
  action_id: z.string(),
  block_id: z.string().optional(),
  type: z.string(),
  value: z.string().optional(),
  text: z.looseObject({ text: z.string() }).optional(),
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
  action_ts: z.string().optional(),
});
export type BlockAction = z.infer<typeof BlockActionSchema>;

export const BlockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  user: UserSchema,
  team: TeamSchema,
  trigger_id: z.string().optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z
    .looseObject({
      type: z.string(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(BlockActionSchema),
});
export type BlockActionsPayload = z.infer<typeof BlockActionsSchema>;

export const MessageShortcutSchema = z.looseObject({
  type: z.literal('message_action'),
  callback_id: z.string(),
  trigger_id: z.string(),
  user: UserSchema,
  team: TeamSchema,
  channel: z.looseObject({ id: z.string() }),
  message: z.looseObject({
    ts: z.string(),
    text: z.string().optional(),
    user: z.string().optional(),
    thread_ts: z.string().optional(),
    files: z.array(FileSchema).optional(),
  }),
});
export type MessageShortcutPayload = z.infer<typeof MessageShortcutSchema>;

export const ViewSubmissionSchema = z.looseObject({
  type: z.literal('view_submission'),
  user: UserSchema,
  team: TeamSchema,
  view: z.looseObject({
    id: z.string(),
    callback_id: z.string().optional(),
    private_metadata: z.string().optional(),
    state: z
      .looseObject({
        values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().nullable().optional() }))),
      })
      .optional(),
  }),
});
export type ViewSubmissionPayload = z.infer<typeof ViewSubmissionSchema>;

export const SlashCommandSchema = z.looseObject({
  command: z.string(),
  text: z.string().optional().default(''),
  user_id: z.string(),
  user_name: z.string().optional(),
  team_id: z.string().optional(),
  channel_id: z.string().optional(),
  trigger_id: z.string().optional(),
});
export type SlashCommandPayload = z.infer<typeof SlashCommandSchema>;
