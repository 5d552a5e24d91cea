/** The number of server processes: WEB_CONCURRENCY when it is a whole number from 1 to 64, else the cores (at most 4). */
export function processCount(env?: Readonly<Record<string, string | undefined>>, cores?: number): number;
/** Serves the production build with processCount() `next start` processes on PORT. */
export function serve(): void;
