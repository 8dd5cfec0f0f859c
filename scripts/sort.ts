/**
 * The one order of every list the generator prints or reports: plain code-point order, the same on
 * every machine and in every locale (`localeCompare` is neither).
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
