/** "2026-11-24 08:35 UTC": how times read in chat sentences. */
export function formatWhen(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
