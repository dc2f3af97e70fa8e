/**
 * Publishing the App Home tab. The core owns ticket data: on `app_home_opened` (see `onAppHomeOpened`
 * of the transports) it loads the user's tickets, renders them with `renderAppHome` and calls this.
 */
import type { HomeView } from './render/app-home.ts';
import type { SlackWebClient } from './send/web-client.ts';

/** Any client with `views.publish` (the WebClient from `createWebClient`). */
export type ViewsPublisher = Pick<SlackWebClient, 'views'>;

/** @example await publishAppHome(client, 'U123', renderAppHome(tickets, 'ru')) */
export async function publishAppHome(client: ViewsPublisher, userId: string, view: HomeView): Promise<void> {
  await client.views.publish({ user_id: userId, view });
}
