/**
 * Mounts Teams on the one HTTP server: POST /api/messages through botbuilder's CloudAdapter, and the Teams
 * notifier for customers whose channel is on Teams. botbuilder is used in bot/teams/ and nowhere else.
 * Teams off (no MicrosoftAppId outside dev mode): nothing is mounted and /api/messages answers 404.
 */
import express from 'express';
import { maxRequestBodyBytes, type TransportHost } from '../transport-host';
import { findMissingActivityField } from './activity-shape';
import { createBackgroundTasks } from './background-tasks';
import { createConversationPacer, type PacerOptions } from './conversation-pacer';
import { refuseForeignServiceUrl } from './dev-service-url';
import { createTeamsAdapter, type TeamsAdapter } from './teams-adapter';
import { createTeamsBot } from './teams-bot';
import { createTeamsNotifier } from './teams-notifier';

export interface MountTeamsOptions {
  /** Where the Bot Framework keys (MicrosoftAppId, …) are read; default process.env. */
  env?: Record<string, string | undefined>;
  /** After this long a "working…" card shows (default 2 s). */
  workingCardAfterMs?: number;
  /** A typed command not answered within this long shows the typing indicator (default 300 ms). */
  typingAfterMs?: number;
  pacing?: PacerOptions;
}

export async function mountTeams(
  server: express.Express,
  host: TransportHost,
  options: MountTeamsOptions = {},
): Promise<void> {
  const { mode, devConnectorUrl } = host.env.teams;
  const logger = host.logger.child({ transport: 'teams' });
  if (mode === 'off') {
    logger.info('Teams is off: POST /api/messages is not served');
    return;
  }
  const teams = createTeamsAdapter(options.env ?? process.env, logger);
  checkAuthenticationMatches(host, teams);
  const background = createBackgroundTasks((error) => logger.error({ err: error }, 'Teams background work failed'));
  const turn = createTeamsBot({
    m365ops: host.m365ops,
    logger,
    teams,
    background,
    allowedTenants: host.env.teams.mode === 'dev' ? 'any' : host.env.teams.allowedTenants,
    workingCardAfterMs: options.workingCardAfterMs,
    typingAfterMs: options.typingAfterMs,
  });

  const onThrottled = () => host.metrics.notifierThrottled.inc({ platform: 'teams' });
  host.addNotifier(createTeamsNotifier(teams, createConversationPacer({ ...options.pacing, onThrottled })));
  host.onClose(() => background.whenIdle());

  const guards = mode === 'dev' ? [refuseForeignServiceUrl(devConnectorUrl, logger)] : [];
  const activityOnly: express.RequestHandler = (req, res, next) => {
    const missing = findMissingActivityField(req.body);
    if (missing) {
      res.status(400).json({ error: `The request body is not a Bot Framework activity: it has no ${missing}.` });
      return;
    }
    next();
  };
  server.post(
    '/api/messages',
    express.json({ limit: maxRequestBodyBytes }),
    activityOnly,
    ...guards,
    async (req, res) => {
      await teams.adapter.process(req, res, turn);
    },
  );
  logger.info({ mode, authEnabled: teams.authEnabled }, 'Teams listening on POST /api/messages');
}

/** The Bot Framework keys and the configuration must agree: an unauthenticated adapter only in dev mode. */
function checkAuthenticationMatches(host: TransportHost, teams: TeamsAdapter): void {
  const { mode, why } = host.env.teams;
  if (teams.authEnabled === (mode === 'authenticated')) return;
  throw new Error(
    `Teams is configured ${mode === 'dev' ? 'in dev mode' : 'with authentication'} (${why}), but the Bot Framework keys ${teams.authEnabled ? 'set' : 'do not set'} MicrosoftAppId.`,
  );
}
