import { createHmac } from 'node:crypto';
import { KontinuitetError } from '../errors.js';

/**
 * Makes a function that replaces an id by a keyed hash: the first `length` hex digits of
 * HMAC-SHA-256(key, id). The same key gives the same pseudonym for the same id, so results stay
 * comparable across runs and files; without the key the ids cannot be recovered by guessing
 * personal identity numbers. Each distinct id is hashed once (cached).
 *
 * @example
 * const p = pseudonymiser('secret');
 * p('19380412-1234'); // → a 16-hex-digit string, the same on every call with this key
 */
export function pseudonymiser(key: string, length = 16): (id: string) => string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new KontinuitetError('BAD_OPTION', 'pseudonymise: key must be a non-empty string');
  }
  if (!Number.isInteger(length) || length < 8 || length > 64) {
    throw new KontinuitetError('BAD_OPTION', 'pseudonymise: length must be a whole number from 8 to 64');
  }
  const cache = new Map<string, string>();
  return (id: string) => {
    let p = cache.get(id);
    if (p === undefined) {
      p = createHmac('sha256', key).update(id).digest('hex').slice(0, length);
      cache.set(id, p);
    }
    return p;
  };
}
