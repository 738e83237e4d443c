import { neutraliseControls } from '../../../safe-text.js';
/**
 * Escapes text for HTML and SVG, in element content and in quoted attribute values alike:
 * `&`, `<`, `>`, `"` and `'` become character references, and control and bidi characters
 * visible stand-ins (as in every text output: ESC → `␛`). Group names, ids and messages all go
 * through it before they reach a page.
 *
 * @example
 * escapeHtml('<b>"Norr" & Söder</b>'); // → '&lt;b&gt;&quot;Norr&quot; &amp; Söder&lt;/b&gt;'
 * escapeHtml('N\u001b[31morr'); // → 'N␛[31morr'
 */
export function escapeHtml(text: string | number): string {
  return neutraliseControls(String(text)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Shorthand used inside the renderers. */
export const esc = escapeHtml;

/** A short, stable hash of a text (FNV-1a, 32 bits, base 36): ids that differ by chart content. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** A coordinate for SVG: at most one decimal, no trailing zeros. */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/**
 * Approximate width in px of a text at a font size (for laying out labels without a browser): a
 * generous 0.6 em a character, which the browser test checks against the real boxes.
 */
export function textWidth(text: string, fontSize = 12): number {
  return [...text].length * fontSize * 0.6;
}

/** Shortens a text to at most `max` characters, ending it with `…` when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
