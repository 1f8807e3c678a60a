/** Resolves when `predicate` holds for a collected item; polls because events arrive async. */
export async function waitFor<T>(items: T[], predicate: (item: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = items.find(predicate);
    if (found !== undefined) {
      return found;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out; got ${JSON.stringify(items).slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  await waitFor([0], () => condition(), timeoutMs);
}
