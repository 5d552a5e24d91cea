/** A UUID, as a regular-expression source. */
export const UUID: string;
/** The routes under /api/sessions/<id>. */
export const SESSION_ROUTES: readonly string[];
/** A turn number in a path, as a regular-expression source. */
export const TURN: string;
/** The routes under /api/admin/people/<id>. */
export const PERSON_ROUTES: readonly string[];
/** Scenario ids in a path, as a regular-expression source. */
export const SCENARIO_ID: string;
/** A scenario version's hash, as a regular-expression source. */
export const VERSION_HASH: string;
/** Account and cohort ids, as a regular-expression source. */
export const RECORD_ID: string;
/** A path segment that decodeURIComponent accepts, as a regular-expression source. */
export const WELL_FORMED_SEGMENT: string;
/** Where a path that is not an API route is rewritten to. */
export const API_NO_ROUTE: string;
type Rewrite = { source: string; destination: string };
/** The rewrites for next.config.js. */
export function pathRewrites(): { beforeFiles: Rewrite[]; fallback: Rewrite[] };
/** The tables of a scenario's analytics served as CSV. */
export const ANALYTICS_TABLES: readonly string[];
