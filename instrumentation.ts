/** Runs once in each server process before it takes requests (Next.js instrumentation). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupCheck } = await import("./server/startup-check");
  await startupCheck();
}
