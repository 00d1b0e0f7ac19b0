import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  requiredBotScopes,
  slackBotEvents,
  slackEventsPath,
  slackSlashCommand,
} from '../../../bot/slack/slack-web-api';

interface SlackManifest {
  display_information: { name: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; usage_hint?: string; should_escape?: boolean }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
    event_subscriptions: { request_url: string; bot_events: string[] };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(path.join(__dirname, '../../../manifest/slack-app.yaml'), 'utf8')) as SlackManifest;
const publicUrl = new URL(manifest.settings.interactivity.request_url).origin;

describe('manifest/slack-app.yaml', () => {
  it('names the app and its bot user', () => {
    expect(manifest.display_information.name).toBe('m365ops');
    expect(manifest.features.bot_user.display_name).toBeTruthy();
  });

  it('declares exactly the /m365 command, at the events URL, with a usage hint', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe(slackSlashCommand);
    expect(command.url).toBe(`${publicUrl}${slackEventsPath}`);
    expect(command.usage_hint).toBeTruthy();
    expect(command.should_escape).toBe(false);
  });

  it('sends interactivity, select options and events to the same URL under PUBLIC_URL', () => {
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `${publicUrl}${slackEventsPath}`,
      message_menu_options_url: `${publicUrl}${slackEventsPath}`,
    });
    expect(manifest.settings.event_subscriptions.request_url).toBe(`${publicUrl}${slackEventsPath}`);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('subscribes to exactly the events the app listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...slackBotEvents].sort());
  });

  it('asks for exactly the bot scopes of the Web API methods the code calls, and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(requiredBotScopes());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });
});
