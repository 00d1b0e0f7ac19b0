/**
 * Mounts Teams on the one HTTP server: POST /api/messages through botbuilder's CloudAdapter, and the Teams
 * notifier for customers whose channel is on Teams. botbuilder is used in bot/teams/ and nowhere else.
 * Teams off (no MicrosoftAppId outside dev mode): nothing is mounted and /api/messages answers 404.
 */
import express from 'express';
import type { App } from '../server/app';
import { maxRequestBodyBytes } from '../server/http-server';
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
  pacing?: PacerOptions;
}

export async function mountTeams(
  server: express.Express,
  m365ops: App,
  options: MountTeamsOptions = {},
): Promise<void> {
  const { mode, devConnectorUrl } = m365ops.env.teams;
  const logger = m365ops.logger.child({ transport: 'teams' });
  if (mode === 'off') {
    logger.info('Teams is off: POST /api/messages is not served');
    return;
  }
  const teams = createTeamsAdapter(options.env ?? process.env, logger);
  checkAuthenticationMatches(m365ops, teams);
  const background = createBackgroundTasks((error) => logger.error({ err: error }, 'Teams background work failed'));
  const turn = createTeamsBot({
    handlers: m365ops.handlers,
    store: m365ops.store,
    logger,
    teams,
    background,
    allowedTenants: m365ops.env.teams.mode === 'dev' ? 'any' : m365ops.env.teams.allowedTenants,
    workingCardAfterMs: options.workingCardAfterMs,
  });

  const onThrottled = () => m365ops.metrics.notifierThrottled.inc({ platform: 'teams' });
  m365ops.addNotifier(createTeamsNotifier(teams, createConversationPacer({ ...options.pacing, onThrottled })));
  m365ops.onClose(() => background.whenIdle());

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
function checkAuthenticationMatches(m365ops: App, teams: TeamsAdapter): void {
  const { mode, why } = m365ops.env.teams;
  if (teams.authEnabled === (mode === 'authenticated')) return;
  throw new Error(
    `Teams is configured ${mode === 'dev' ? 'in dev mode' : 'with authentication'} (${why}), but the Bot Framework keys ${teams.authEnabled ? 'set' : 'do not set'} MicrosoftAppId.`,
  );
}
