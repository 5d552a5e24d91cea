/**
 * The passage that carries what a scenario has and a Twine story does not (summary, roles,
 * meters…); export writes it and import reads it back.
 */
export const METADATA_PASSAGE = "PeerPracticeScenario";
export const METADATA_TAG = "peer-practice-scenario";
export const METADATA_KEYS = ["id", "title", "summary", "skills", "content-note", "language", "roles", "meters"];
