import type { UpdateInfoLike } from './updater-port';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const MAX_LENGTH = 20_000;

/**
 * Release notes as plain text for the consent dialog. GitHub sends HTML; the
 * renderer must never inject markup from the network, so tags are dropped here
 * and the result is shown as text. With fullChangelog, every intermediate
 * version's note is included, newest first, headed by its version.
 */
export function releaseNotesText(info: UpdateInfoLike): string {
  const notes = info.releaseNotes;
  if (notes == null) return '';
  const text =
    typeof notes === 'string'
      ? toText(notes)
      : notes
          .map((entry) => `${entry.version}\n${toText(entry.note ?? '')}`.trim())
          .filter(Boolean)
          .join('\n\n');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}

function toText(html: string): string {
  return html
    .replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
    .replace(/<\s*(br|\/p|\/li|\/h[1-6])\s*\/?>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
