/**
 * How a session is played: with feedback after every choice, or with nothing until the debrief.
 * Apart from enums.ts (which builds its schema) so that the play page can list the modes without
 * loading zod in its first download.
 */
export const MODES = ["practice", "assessment"] as const;
