/** The plain page the customer's administrator sees after the admin-consent redirect. Everything shown is escaped. */
import type { ConsentCallbackPage } from '../core/m365ops-port';

export function renderConsentPage(status: number, heading: string, lines: string[]): ConsentCallbackPage {
  const paragraphs = lines.map((line) => `  <p>${escapeHtml(line)}</p>`).join('\n');
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(heading)}</title>
  <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}</style>
</head>
<body>
  <h1>${escapeHtml(heading)}</h1>
${paragraphs}
</body>
</html>
`;
  return { status, html };
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
