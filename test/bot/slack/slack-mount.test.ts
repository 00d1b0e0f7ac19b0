import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { mountSlack } from '../../../bot/slack/mount';
import { type SlackApiStandIn, startSlackApiStandIn } from '../../support/slack-api-stand-in';
import { scriptedApp } from './scripted-app';

describe('mountSlack', () => {
  let slack: SlackApiStandIn;

  beforeEach(async () => {
    slack = await startSlackApiStandIn();
  });
  afterEach(() => slack.close());

  it('leaves Slack off when its keys are not set', async () => {
    const { app } = scriptedApp(slack, async () => ({ kind: 'text', text: 'ok' }));
    (app.env as { slack?: unknown }).slack = undefined;
    const server = express();
    await mountSlack(server, app);
    const http = await new Promise<Server>((resolve) => {
      const listening = server.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const response = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'command=%2Fm365&text=help',
      });
      expect(response.status).toBe(404);
      expect(slack.calls).toHaveLength(0);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('proves the bot token with auth.test at start', async () => {
    const { app } = scriptedApp(slack, async () => ({ kind: 'text', text: 'ok' }));
    await mountSlack(express(), app);
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    expect(slack.callsTo('auth.test')[0].authorization).toBe(`Bearer ${slack.botToken}`);
  });

  it('refuses to start with a bot token Slack rejects, saying which key to fix', async () => {
    const { app } = scriptedApp(slack, async () => ({ kind: 'text', text: 'ok' }));
    (app.env as { slack: { botToken: string } }).slack.botToken = 'xoxb-revoked';
    await expect(mountSlack(express(), app)).rejects.toMatchObject({
      code: 'slack-api-failed',
      message: expect.stringContaining('SLACK_BOT_TOKEN'),
    });
  });
});
