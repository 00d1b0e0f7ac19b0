/**
 * Slack identities carry their workspace (`slack:<team_id>:<user_id>`): the real m365ops, started with a config
 * file and driven with signed `/m365` commands to /slack/events, from the MSP's workspace and from another one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConfigAccess } from '../../support/demo-config';
import { type SlackApiStandIn, startSlackApiStandIn } from '../../support/slack-api-stand-in';
import { answerText, type SlackAppRun, startSlackApp } from '../../support/slack-app';
import { slackIdentityOf, testSlackTeamId } from '../../support/slack-identities';

const otherTeamId = 'T0OTHER99';
const people = { admin: 'UADMIN001', helpdesk: 'UHELPDSK1', newcomer: 'UNEWCOME1' };

let slack: SlackApiStandIn;
let dir: string;
let run: SlackAppRun | undefined;

beforeEach(async () => {
  slack = await startSlackApiStandIn();
  dir = mkdtempSync(path.join(tmpdir(), 'm365ops-slack-identity-'));
});

afterEach(async () => {
  await run?.close();
  run = undefined;
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(access: Partial<ConfigAccess>, env: Record<string, string> = {}): Promise<SlackAppRun> {
  await run?.close();
  run = undefined;
  run = await startSlackApp({ slack, dir, access: { admins: [], approvers: [], helpdesk: [], ...access }, env });
  return run;
}

const say = (text: string, userId: string, teamId?: string) => run!.say(text, { userId, teamId });

describe('Slack identities without SLACK_TEAM_ID', () => {
  it('gives a role only to the user of the workspace the identity names', async () => {
    await start({ helpdesk: [slackIdentityOf(people.helpdesk)] });
    expect(answerText(await say('plans', people.helpdesk))).toContain('Business Premium');
    const elsewhere = answerText(await say('plans', people.helpdesk, otherTeamId));
    expect(elsewhere).toContain('needs the helpdesk role');
    expect(elsewhere).toContain(slackIdentityOf(people.helpdesk, otherTeamId));
  });

  it('refuses to start with a bare slack:<user_id> in the config file, naming the right form', async () => {
    await expect(start({ helpdesk: [`slack:${people.helpdesk}`] })).rejects.toThrow(
      `access.helpdesk[0] is "slack:${people.helpdesk}", but it must be a Slack identity with its workspace, slack:<team_id>:<user_id> such as slack:T0123ABCD:U024BE7LH (a bare slack:<user_id> is read only when SLACK_TEAM_ID names the workspace it belongs to).`,
    );
  });

  it('refuses a bare slack:<user_id> in `access … add`, naming the right form', async () => {
    await start({ admins: [slackIdentityOf(people.admin)] });
    const answer = answerText(await say(`access helpdesk add slack:${people.newcomer}`, people.admin));
    expect(answer).toContain('slack:&lt;team_id&gt;:&lt;user_id&gt;'); // Slack text escapes < and >
    expect(answer).toContain('SLACK_TEAM_ID');
    expect(answerText(await say('plans', people.newcomer))).toContain('needs the helpdesk role');
  });
});

describe('Slack identities with SLACK_TEAM_ID', () => {
  const env = { SLACK_TEAM_ID: testSlackTeamId };

  it('reads a bare slack:<user_id> in the config file as a user of that workspace', async () => {
    await start({ helpdesk: [`slack:${people.helpdesk}`] }, env);
    expect(answerText(await say('plans', people.helpdesk))).toContain('Business Premium');
  });

  it('refuses politely, without running anything, a request from another workspace', async () => {
    await start({ admins: [`slack:${people.admin}`] }, env);
    const answer = await say(
      `access admin add ${slackIdentityOf(people.newcomer, otherTeamId)}`,
      people.admin,
      otherTeamId,
    );
    expect(answer.args.response_type).toBe('ephemeral');
    expect(answerText(answer)).toContain('only from its own Slack workspace');
    expect(await run!.app.store.access.rolesOf(slackIdentityOf(people.newcomer, otherTeamId))).toEqual([]);
  });

  it('reads a bare slack:<user_id> in `access … add` as a user of that workspace', async () => {
    await start({ admins: [`slack:${people.admin}`] }, env);
    const answer = answerText(await say(`access helpdesk add slack:${people.newcomer}`, people.admin));
    expect(answer).toContain(`${slackIdentityOf(people.newcomer)} now has the helpdesk role`);
    expect(answerText(await say('plans', people.newcomer))).toContain('Business Premium');
  });

  it('moves a role granted to a bare slack:<user_id> before identities named workspaces into that workspace', async () => {
    await start({});
    await run!.app.store.access.grant(`slack:${people.helpdesk}`, 'helpdesk', 'slack:UOLDADMIN');
    await start({}, env);
    expect(run!.logMessages()).toContain(
      `access: slack:${people.helpdesk} (helpdesk) is now ${slackIdentityOf(people.helpdesk)}, in the workspace SLACK_TEAM_ID names`,
    );
    expect(answerText(await say('plans', people.helpdesk))).toContain('Business Premium');
  });
});
