import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HandlerError } from '../../core/handler-error';
import type { ChannelReply, PlatformNotifier } from '../../core/notifier';
import { createNotifierRouter } from '../../core/notifier-router';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import type { ConversationRef, MessageRef } from '../../store/types';

/** A platform notifier that records what it was asked to deliver: an edge, not one of our modules. */
function recordingNotifier(platform: 'teams' | 'slack') {
  const posted: { binding: ConversationRef; reply: ChannelReply }[] = [];
  const updated: { ref: MessageRef; reply: ChannelReply }[] = [];
  const notifier: PlatformNotifier = {
    platform,
    async post(binding, reply) {
      posted.push({ binding, reply });
      return { platform, ref: { n: posted.length } };
    },
    async update(ref, reply) {
      updated.push({ ref, reply });
    },
  };
  return { notifier, posted, updated };
}

const text: ChannelReply = { kind: 'text', text: 'hello' };

describe('the notifier router', () => {
  let store: Store;

  beforeEach(async () => {
    store = await openStore({ dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'm365ops-router-')), 'data') });
  });

  afterEach(() => store.close());

  it('posts to the platform the customer is bound on', async () => {
    const router = createNotifierRouter(store);
    const teams = recordingNotifier('teams');
    const slack = recordingNotifier('slack');
    router.add(teams.notifier);
    router.add(slack.notifier);
    await store.bindings.bind({
      customerId: 'contoso',
      platform: 'slack',
      channelKey: 'C1',
      reference: {},
      boundBy: 'slack:U1',
    });

    const ref = await router.post('contoso', text);
    await router.update(ref, { kind: 'text', text: 'updated' });

    expect(slack.posted.map((p) => p.binding.channelKey)).toEqual(['C1']);
    expect(slack.updated).toHaveLength(1);
    expect(teams.posted).toHaveLength(0);
  });

  it('posts into one conversation on its own platform, whatever the customer is bound to', async () => {
    const router = createNotifierRouter(store);
    const teams = recordingNotifier('teams');
    const slack = recordingNotifier('slack');
    router.add(teams.notifier);
    router.add(slack.notifier);
    const conversation: ConversationRef = { platform: 'teams', channelKey: 'a:personal', reference: { x: 1 } };

    await router.postTo(conversation, text);

    expect(teams.posted).toEqual([{ binding: conversation, reply: text }]);
    expect(slack.posted).toHaveLength(0);
  });

  it('says how to bind a channel when the customer has none', async () => {
    const router = createNotifierRouter(store);
    await expect(router.post('contoso', text)).rejects.toThrow(
      new HandlerError(
        'no-channel',
        "No channel receives contoso's notifications yet; run `notify here contoso` in the channel that should.",
      ),
    );
    expect(await router.canPost('contoso')).toBe(false);
  });

  it('says which platform is missing when the bound one is not configured', async () => {
    const router = createNotifierRouter(store);
    router.add(recordingNotifier('teams').notifier);
    await store.bindings.bind({
      customerId: 'contoso',
      platform: 'slack',
      channelKey: 'C1',
      reference: {},
      boundBy: 'slack:U1',
    });
    expect(await router.canPost('contoso')).toBe(false);
    await expect(router.post('contoso', text)).rejects.toThrow(
      'The channel is on Slack, but Slack is not configured in this m365ops.',
    );
  });
});
