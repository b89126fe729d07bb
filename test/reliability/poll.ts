/**
 * Polls a condition until it holds or time runs out. Scenarios also run outside Vitest
 * (`npm run soak`), so they cannot use `vi.waitFor` or `expect.poll`; a failed wait is a
 * figure to report, not an exception, hence the boolean.
 */
export async function pollUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  intervalMs = 10,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
