/** Runs once in each server process before it takes requests (Next.js instrumentation). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupCheck } = await import("./server/startup-check");
  await startupCheck();
  // The session API's busiest requests are answered before Next.js routes them (server/direct-routes.ts).
  const [{ serveDirect }, { setDirectRoutes }] = await Promise.all([import("./server/direct-routes"), import("./server/direct-routes-slot.mjs")]);
  setDirectRoutes(serveDirect);
}
