/** A typed line as the parser reads it: Slack's markup undone, and a CSV pasted after `bulk` kept whole. */

/**
 * Drops a leading `/m365`, and undoes what Slack does to slash-command text: addresses become mailto links
 * (`<mailto:a@b.com|a@b.com>`), then &, < and > are escaped as entities.
 */
export function normaliseLine(text: string): string {
  return text
    .trim()
    .replace(/^\/m365(?=\s|$)/i, '')
    .replace(/<mailto:[^|<>]*\|([^<>]*)>/gi, '$1')
    .replace(/<mailto:([^|<>]*)>/gi, '$1')
    .replace(/&(amp|lt|gt);/g, (_entity, name: string) => slackEntities[name]!);
}

const slackEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/**
 * The CSV of `bulk` followed by lines (or a ``` code block): its text without the fences, or undefined when the
 * line is another command (`bulk template`, `bulk run K7M2QX`) or `bulk` alone.
 */
export function readPastedCsv(text: string): string | undefined {
  const line = normaliseLine(text).trimStart();
  const match = /^bulk(?=\s|`|$)/i.exec(line);
  if (!match) return undefined;
  const rest = line.slice(match[0].length);
  const firstLine = rest.split('\n', 1)[0]!.trim();
  if (rest.trim() === '' || (firstLine !== '' && !firstLine.startsWith('```'))) return undefined;
  return rest
    .replace(/^\s*```(?:(?:csv|text|txt|plaintext)?[^\S\n]*\n)?/i, '')
    .replace(/\n?```\s*$/, '')
    .replace(/^\s*\n/, '');
}
