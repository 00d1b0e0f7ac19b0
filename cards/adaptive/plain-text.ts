/**
 * Teams renders Markdown (and a little HTML) in a TextBlock's text and a FactSet's titles and values. Much of what
 * our cards show comes from people and tenants — display names, aliases, reasons, customer names, errors that echo
 * what was typed — and none of our own text is meant as Markdown. So every such text is escaped once, after the
 * template is expanded: a Markdown renderer then shows the characters as written, and `[Renew](https://evil)` stays
 * those characters instead of becoming a live link. (Block Kit does the same with `escapeText` in cards/slack.)
 *
 * Escaping follows CommonMark: a backslash before ASCII punctuation makes it literal. Only characters that can
 * start markup are escaped, so ordinary text (addresses, dates, SKU names) reads the same in the card's JSON.
 * A value that must be copied exactly (a temporary password) goes in a RichTextBlock's TextRun, which no client
 * reads as Markdown, and is left alone here.
 */

/** Emphasis, code, links and images, HTML tags and autolinks, strikethrough, and backslash itself. */
const inlineMarkup = /[\\`*[\]<>~]/g;
/** `_` emphasises only at a word's edge: snake_case and SKU names such as O365_BUSINESS stay as they are. */
const edgeUnderscore = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** An entity (`&lt;`, `&#60;`) would show as the character it names. */
const entityStart = /&(?=#?[A-Za-z0-9]+;)/g;
/** Adaptive Cards format `{{DATE(…)}}` and `{{TIME(…)}}` in text before the Markdown is read. */
const formatFunction = /\{(?=\{)/g;
/** At a line's start: headings, list bullets, setext underlines, quotes. */
const lineStartMarker = /^([ \t]*)([#+=|-])/gm;
/** At a line's start: an ordered list item (`1.` or `1)`). */
const orderedListMarker = /^([ \t]*\d{1,9})([.)])/gm;

/** Any character some rule above escapes: most card texts have none and are answered as they are. */
const anyMarkupCharacter = /[\\`*[\]<>~_&{#+=|\-.)]/;

export function escapeMarkdown(text: string): string {
  if (!anyMarkupCharacter.test(text)) return text;
  return text
    .replace(inlineMarkup, '\\$&')
    .replace(edgeUnderscore, '\\_')
    .replace(entityStart, '\\&')
    .replace(formatFunction, '\\{')
    .replace(lineStartMarker, '$1\\$2')
    .replace(orderedListMarker, '$1\\$2');
}

type Node = Record<string, unknown>;

/** Escapes, in place, every text of the card that Teams reads as Markdown; answers the card. */
export function escapeCardText<Card extends object>(card: Card): Card {
  visit(card);
  return card;
}

function visit(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as Node;
  if (node.type === 'TextBlock' && typeof node.text === 'string') node.text = escapeMarkdown(node.text);
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    for (const fact of node.facts as Node[]) {
      if (typeof fact.title === 'string') fact.title = escapeMarkdown(fact.title);
      if (typeof fact.value === 'string') fact.value = escapeMarkdown(fact.value);
    }
  }
  for (const child of Object.values(node)) visit(child);
}
