/**
 * GRAPH_NOTIFICATIONS=on: subscribe to each customer tenant's user changes, delivered to PUBLIC_URL, which must
 * then be set (Microsoft Graph has to reach it: an https address in production).
 */
import { ConfigError, describeValue } from './config-error';

export interface GraphNotificationsEnv {
  /** `PUBLIC_URL/graph/notifications` */
  notificationUrl: string;
  /** `PUBLIC_URL/graph/lifecycle` */
  lifecycleUrl: string;
}

export function readGraphNotifications(env: Record<string, string | undefined>): GraphNotificationsEnv | undefined {
  const raw = env.GRAPH_NOTIFICATIONS?.trim();
  if (raw === undefined || raw === '' || raw.toLowerCase() === 'off') return undefined;
  if (raw.toLowerCase() !== 'on') {
    throw new ConfigError(
      `GRAPH_NOTIFICATIONS is ${describeValue('GRAPH_NOTIFICATIONS', raw)}; it must be on or off.`,
      {
        key: 'GRAPH_NOTIFICATIONS',
      },
    );
  }
  const publicUrl = env.PUBLIC_URL?.trim();
  if (!publicUrl) {
    throw new ConfigError(
      'GRAPH_NOTIFICATIONS is on but PUBLIC_URL is not set; set PUBLIC_URL to the address Microsoft Graph can reach (https://bot.example.com), or turn GRAPH_NOTIFICATIONS off.',
      { key: 'PUBLIC_URL' },
    );
  }
  const base = publicUrl.replace(/\/+$/, '');
  return { notificationUrl: `${base}/graph/notifications`, lifecycleUrl: `${base}/graph/lifecycle` };
}
