/**
 * A reply's file where a card cannot carry it. A bot can hand Teams a file only through the file-consent flow of a
 * personal chat (FileConsentCard, then an upload to the user's OneDrive), which m365ops does not do yet: the
 * Adaptive Card shows the file's text instead, line by line in a monospace font (copied exactly: a TextRun is
 * never read as Markdown), and says so. Slack gets the file itself (bot/slack/upload-file.ts).
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
      ? `its first ${shown.length} of ${lines.length} lines; the CLI (\`npx m365ops\` with the same command) writes all of it`
      : 'copy it into a .csv file, or run the same command with `npx m365ops` to get the file';
  return {
    hasFile: true,
    fileNote: `Teams cannot receive ${file.name} from m365ops here, so it is shown as text (${part}).`,
    fileLines: shown.map((text) => ({ text: text || ' ' })),
  };
}
