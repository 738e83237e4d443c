import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pieces, writeParts, type PagePiece } from '../../src/cli/page-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-page-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the page written a piece at a time', () => {
  // 3,000 short texts (~30 K characters each thousand), a file of 2.5 MB between them, and a last short text
  const before = Array.from({ length: 3000 }, (_, i) => `<tr><td>${i}</td></tr>\n`);
  const after = Array.from({ length: 500 }, (_, i) => `<p>${i}</p>`);
  const file = join(dir, 'end.html');
  const fileText = 'x'.repeat(2_500_000);
  writeFileSync(file, fileText);
  const parts = (): PagePiece[] => [...before, { file }, ...after];
  const whole = before.join('') + fileText + after.join('');

  it('joins text into pieces of at least 64 K characters, up to a file and the end, and gives a file\'s bytes in pieces of 1 MB', () => {
    const got = [...pieces(parts(), false)];
    expect(got.map((p) => p.toString()).join('')).toBe(whole);
    const texts = got.filter((p) => typeof p === 'string');
    const bytes = got.filter((p) => typeof p !== 'string');
    expect(bytes.map((b) => b.length)).toEqual([1 << 20, 1 << 20, 2_500_000 - 2 * (1 << 20)]);
    // the texts before the file: every one but the last (cut at the file) at least 64 K; after it one
    const cut = got.indexOf(bytes[0]!);
    for (const t of got.slice(0, cut - 1)) expect(t.length).toBeGreaterThanOrEqual(1 << 16);
    expect(texts.length).toBe(cut + 1);
    expect(got.at(-1)).toBe(after.join(''));
  });

  it('writes the same page to a file', () => {
    const out = join(dir, 'page.html');
    writeParts(out, parts());
    expect(readFileSync(out, 'utf8')).toBe(whole);
  });
});
