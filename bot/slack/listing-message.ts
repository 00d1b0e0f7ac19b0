/**
 * A `discrepancies` listing in Slack is a message the bot posted (chat.postMessage), so a decision clicked on it
 * redraws that message in place with chat.update, as Teams replaces the card. A decision that asks first asks in
 * an ephemeral question; its confirm button carries the listing message's ts (`listingTs`, which only this
 * transport reads and takes off before the button becomes a Command), so the confirmed click redraws the listing too.
 */
import { renderReplyBlocks, type SlackBlock } from '../../cards';
import type { Reply } from '../../core/reply';
import { type ReplyTarget, renderReplyMessage } from './deliver-reply';
import { callSlack } from './slack-web-api';

const listingTsKey = 'listingTs';
const tsPattern = /^\d{1,12}\.\d{1,8}$/;

/** The listing message a confirm button names, taken out of its data (which must then be exactly a decision). */
export function takeListingTs(data: Record<string, unknown>): string | undefined {
  const ts = data[listingTsKey];
  delete data[listingTsKey];
  return typeof ts === 'string' && tsPattern.test(ts) ? ts : undefined;
}

/** The question's blocks, its decision buttons naming the listing message they were asked from. */
export function withListingTs(blocks: SlackBlock[], ts: string): SlackBlock[] {
  return blocks.map((block) => {
    if (block.type !== 'actions' || !Array.isArray(block.elements)) return block;
    const elements = (block.elements as Record<string, unknown>[]).map((element) => {
      const decides = typeof element.action_id === 'string' && /^decide(:\d+)?$/.test(element.action_id);
      if (!decides || typeof element.value !== 'string') return element;
      return { ...element, value: JSON.stringify({ ...JSON.parse(element.value), [listingTsKey]: ts }) };
    });
    return { ...block, elements };
  });
}

/**
 * Redraws the listing message `ts` in the click's channel for everyone; where chat.update cannot (a message the bot
 * did not post), the click's response_url answers instead.
 */
export async function redrawListing(
  target: ReplyTarget,
  listing: { ts?: string; clickedOnIt: boolean },
  reply: Reply,
): Promise<void> {
  const { ts } = listing;
  if (ts && target.channelId) {
    try {
      const { text, blocks } = renderReplyBlocks(reply);
      await callSlack(target.client, 'chat.update', { channel: target.channelId, ts, text, blocks });
      return;
    } catch (error) {
      target.logger.info({ err: error }, 'chat.update of a listing failed; answering through the response_url');
    }
  }
  await target.respond?.(renderReplyMessage(reply, { replaceOriginal: listing.clickedOnIt }));
}
