/**
 * Mounts Teams on the one HTTP server: POST /api/messages through botbuilder's CloudAdapter, and the Teams
 * notifier for customers whose channel is on Teams. botbuilder is used in bot/teams/ and nowhere else.
 */
import express from 'express';
import type { App } from '../server/app';
import { maxRequestBodyBytes } from '../server/http-server';
import { findMissingActivityField } from './activity-shape';
import { createBackgroundTasks } from './background-tasks';
import { createConversationPacer, type PacerOptions } from './conversation-pacer';
import { createTeamsAdapter } from './teams-adapter';
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
  const logger = m365ops.logger.child({ transport: 'teams' });
  const teams = createTeamsAdapter(options.env ?? process.env, logger);
  const background = createBackgroundTasks((error) => logger.error({ err: error }, 'Teams background work failed'));
  const turn = createTeamsBot({
    handlers: m365ops.handlers,
    store: m365ops.store,
    logger,
    teams,
    background,
    workingCardAfterMs: options.workingCardAfterMs,
  });

  m365ops.addNotifier(createTeamsNotifier(teams, createConversationPacer(options.pacing)));
  m365ops.onClose(() => background.whenIdle());

  server.post('/api/messages', express.json({ limit: maxRequestBodyBytes }), async (req, res) => {
    const missing = findMissingActivityField(req.body);
    if (missing) {
      res.status(400).json({ error: `The request body is not a Bot Framework activity: it has no ${missing}.` });
      return;
    }
    await teams.adapter.process(req, res, turn);
  });
  logger.info({ authEnabled: teams.authEnabled }, 'Teams listening on POST /api/messages');
}
