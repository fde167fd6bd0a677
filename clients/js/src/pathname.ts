/** The pathname rule of section 6.3. */
import { protocolError } from './errors.js';

const MAX_PATHNAME_BYTES = 8192;

/** Throws INVALID_PATHNAME naming the broken rule, else returns the pathname. */
export function checkPathname(pathname: string): string {
  const fail = (why: string) => protocolError('INVALID_PATHNAME', why);
  if (!pathname.startsWith('/') || pathname.startsWith('//')) throw fail('it must start with "/" but not "//"');
  if (pathname.length > MAX_PATHNAME_BYTES) throw fail(`it is longer than ${MAX_PATHNAME_BYTES} bytes`);
  if (!/^[\x21-\x7e]*$/.test(pathname)) throw fail('only printable ASCII without space is allowed');
  if (pathname.includes('#')) throw fail('"#" is not allowed');
  const path = pathname.split('?', 1)[0];
  for (const segment of path.split('/')) {
    const decoded = segment.replace(/%2e/gi, '.');
    if (decoded === '.' || decoded === '..') throw fail('a path segment is "." or ".."');
  }
  return pathname;
}
