/**
 * A reply's file where a card cannot carry it. A bot can hand Teams a file only through the file-consent flow of a
 * personal chat (bot/teams/file-consent.ts): anywhere else (a channel, a group chat, the web chat) the Adaptive Card
 * shows the file's text instead, line by line in a monospace font (copied exactly: a TextRun is never read as
 * Markdown), and says so. Slack gets the file itself (bot/slack/upload-file.ts).
 */
import type { ReplyFile } from '../core/reply';

/** A card over about 28 KB is refused by Teams: the lines past these are left to the CLI. */
export const maxInlineFileLines = 50;

export function describeFileInline(file: ReplyFile | undefined): {
  hasFile: boolean;
  fileNote: string;
  fileLines: { text: string }[];
} {
  if (!file) return { hasFile: false, fileNote: '', fileLines: [] };
  const lines = file.content.replace(/\r\n$/, '').split('\r\n');
  const shown = lines.slice(0, maxInlineFileLines);
  const part =
    shown.length < lines.length
      ? `its first ${shown.length} of ${lines.length} lines`
      : 'copy it into a .csv file if you need one';
  return {
    hasFile: true,
    fileNote: `Teams cannot receive ${file.name} from m365ops here, so it is shown as text (${part}); ask in a personal chat with m365ops to get the file, or run the same command with \`npx m365ops\`.`,
    fileLines: shown.map((text) => ({ text: text || ' ' })),
  };
}
