/** A plain decimal number, with `.` or `,` (no hex, binary, Infinity or empty exponent). */
const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/**
 * An optional numeric cell of any input (visit logs, road networks, flags): `null` when it is
 * empty or only white space (absent: `Number('')` would make it 0), `NaN` when it is not a plain
 * decimal number (decimal comma allowed), else the number.
 *
 * @example
 * numberCell(' 3,5 '); // → 3.5
 * numberCell('');      // → null
 * numberCell('0x10');  // → NaN
 */
export function numberCell(text: string | undefined): number | null {
  const t = text === undefined ? '' : text.trim();
  if (t === '') return null;
  if (!DECIMAL.test(t)) return Number.NaN;
  return Number(t.includes(',') ? t.replace(',', '.') : t);
}
