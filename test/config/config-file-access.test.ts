/**
 * The config file gives and takes away what it declares: m365ops is started with access lists, restarted with
 * someone removed and someone moved to a lower role, and then driven over Slack (signed `/m365` commands to
 * /slack/events) as those people.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConfigAccess } from '../support/demo-config';
import { type SlackApiStandIn, startSlackApiStandIn } from '../support/slack-api-stand-in';
import { answerText, type SlackAppRun, startSlackApp } from '../support/slack-app';
import { slackIdentityOf } from '../support/slack-identities';

const people = { admin: 'UADMIN001', approver: 'UAPPROVE1', helpdesk: 'UHELPDSK1', chatMade: 'UCHATMADE' };

let slack: SlackApiStandIn;
let dir: string;
let run: SlackAppRun | undefined;

beforeEach(async () => {
  slack = await startSlackApiStandIn();
  dir = mkdtempSync(path.join(tmpdir(), 'm365ops-config-access-'));
});

afterEach(async () => {
  await run?.close();
  run = undefined;
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(access: Partial<ConfigAccess>): Promise<SlackAppRun> {
  await run?.close();
  run = await startSlackApp({ slack, dir, access: { admins: [], approvers: [], helpdesk: [], ...access } });
  return run;
}

const asSlack = (userId: string) => slackIdentityOf(userId);
const say = (text: string, userId: string) => run!.say(text, { userId });

describe('access declared in the config file', () => {
  it('takes a role away from someone removed from the file or moved to a lower role, and keeps chat grants', async () => {
    await start({
      admins: [asSlack(people.admin)],
      approvers: [asSlack(people.approver)],
      helpdesk: [asSlack(people.helpdesk)],
    });
    expect(answerText(await say(`access helpdesk add ${asSlack(people.chatMade)}`, people.admin))).toContain(
      'now has the helpdesk role',
    );
    expect(answerText(await say('plans', people.helpdesk))).toContain('Business Premium');

    await start({ admins: [asSlack(people.admin)], helpdesk: [asSlack(people.approver)] });

    expect(run!.logMessages()).toEqual(
      expect.arrayContaining([
        `access: ${asSlack(people.helpdesk)} lost helpdesk (removed from m365ops.yaml)`,
        `access: ${asSlack(people.approver)} lost approver (now helpdesk in m365ops.yaml)`,
      ]),
    );
    expect(answerText(await say('plans', people.helpdesk))).toContain('needs the helpdesk role');
    // An approver-only command (grant admin would now become a request, which helpdesk may ask for).
    expect(answerText(await say('approve request ABC234', people.approver))).toContain('needs the approver role');
    expect(answerText(await say('plans', people.approver))).toContain('Business Premium');
    expect(answerText(await say('plans', people.chatMade))).toContain('Business Premium');
  });

  it('gives the role back when the file declares it again', async () => {
    await start({ helpdesk: [asSlack(people.helpdesk)] });
    await start({});
    expect(answerText(await say('plans', people.helpdesk))).toContain('needs the helpdesk role');
    await start({ helpdesk: [asSlack(people.helpdesk)] });
    expect(run!.logMessages()).toContain(
      `access: ${asSlack(people.helpdesk)} gained helpdesk (declared in m365ops.yaml)`,
    );
    expect(answerText(await say('plans', people.helpdesk))).toContain('Business Premium');
  });

  it('leaves a role taken away in chat taken away while the file does not change', async () => {
    await start({ admins: [asSlack(people.admin)], helpdesk: [asSlack(people.helpdesk)] });
    await say(`access helpdesk remove ${asSlack(people.helpdesk)}`, people.admin);
    await start({ admins: [asSlack(people.admin)], helpdesk: [asSlack(people.helpdesk)] });
    expect(answerText(await say('plans', people.helpdesk))).toContain('needs the helpdesk role');
  });
});
