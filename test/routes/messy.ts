/**
 * The bundled sample with rows every reader must handle alike: a time no reader takes on every
 * 97th row (rejected: time_format), a space at a field's edge on every 89th (the general reader
 * reads it), a visit id that is not ASCII on every 83rd, no coordinates on every 79th.
 */
export function messySample(sample: string): { text: string; rows: number } {
  const lines = sample.trimEnd().split('\n');
  const rows = lines.slice(1).map((line, i) => {
    const f = line.split(',');
    if (i % 97 === 5) f[3] = 'not a time'; // rejected: time_format
    if (i % 89 === 7) f[2] = ` ${f[2]}`; // a space at a field's edge: the general reader reads it
    if (i % 83 === 11) f[0] = `Å${f[0]}`; // a visit id that is not ASCII
    if (i % 79 === 13) f[10] = ''; // no coordinates
    return f.join(',');
  });
  return { text: `${[lines[0], ...rows].join('\n')}\n`, rows: rows.length };
}
