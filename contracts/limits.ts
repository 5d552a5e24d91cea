/**
 * Limits the browser needs as well as the request schemas: apart from session-requests.ts (which
 * builds its schemas with zod) so that a page can use them without loading zod in its first download.
 */

/** The most characters a reviewer's comment may have, once trimmed. */
export const COMMENT_MAX_LENGTH = 4000;
