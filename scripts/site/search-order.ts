/**
 * VitePress' local search indexes the pages concurrently and adds each page's sections to the
 * index as its file finishes reading, so the index (and the hash of every chunk and page that
 * names it) came out different from one build of an unchanged spec to the next. Given as the
 * search's `miniSearch._splitIntoSections`, this makes each page wait for its turn, in the order
 * VitePress starts them (its page list, sorted), then leaves the splitting to VitePress.
 */

/**
 * @param files - The pages' absolute paths in VitePress' order (the relative paths sorted, as
 *   VitePress sorts them, joined to the source folder). A page not in the list waits for nothing.
 */
export function searchIndexInPageOrder(files: readonly string[]): (file: string) => Promise<undefined> {
  const turn = new Map(files.map((file, i) => [file, i]));
  const open: (() => void)[] = [];
  const gates = files.map((_, i) => (i === 0 ? Promise.resolve() : new Promise<void>((resolve) => (open[i] = resolve))));
  return async (file) => {
    const i = turn.get(file);
    if (i === undefined) return undefined;
    await gates[i];
    // VitePress adds this page's sections in the microtasks that follow this return: the next
    // page's turn comes after them (a macrotask runs once the microtask queue is empty).
    setImmediate(() => open[i + 1]?.());
    return undefined;
  };
}
