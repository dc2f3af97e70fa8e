/** Public surface of the Slack adapter. */
export { createSlackAdapter, type SlackAdapter, type SlackAdapterDeps } from './slack.ts';
export { parseSlackConfig, SlackConfigError, type SlackConfig } from './config.ts';
export { verifyBotToken, SlackStartupError, type SlackIdentity } from './startup.ts';
export { createSlackRouter, type SlackRouterOptions } from './transport/http.ts';
export { createSignatureVerifier, signRaw, EmptySigningSecretError } from './transport/signature.ts';
export { runSocketMode, createSocketModeSource, handleSocketDelivery, type SocketModeSource } from './transport/socket-mode.ts';
export { createSlackSender, type SlackSenderOptions } from './send/sender.ts';
export { createWebClient, type SlackWebClient } from './send/web-client.ts';
export { renderAppHome, type AppHomeTicket, type HomeView } from './render/app-home.ts';
export { publishAppHome } from './app-home.ts';
export { renderReply } from './render/reply.ts';
export { renderTicketCard } from './render/ticket-card.ts';
export { normaliseEventsApi } from './normalise/events.ts';
export { normaliseInteraction } from './normalise/interactions.ts';
export { normaliseSlashCommand } from './normalise/commands.ts';
export { TRIAGE_SURFACE, type NormaliseContext } from './normalise/context.ts';
export { redactSecrets, silentLogger, type SlackLogger } from './logger.ts';
