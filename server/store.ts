/**
 * Storage of sessions, their choices, comments and the scenario versions they used: one interface,
 * SQLite or PostgreSQL behind it. A method fails with StoreUnavailableError (store-errors.ts) when
 * the database cannot be used right now.
 */
import type { Kysely } from "kysely";
import type { Database } from "./db/database";
import type { EndStatus, Mode, OutcomeFilter, ReviewFilter, SessionSort, SessionStatus, SortOrder } from "../contracts/enums";
import type { Session, StoredChoice, StoredComment } from "../contracts/session-answers";
import type { Meters, Outcome, Scenario } from "../scenarios/types";

export type { Mode, SessionStatus };

// The API answers these rows as they are, so their shape is the API's (contracts/session-answers.ts).
export type SessionRow = Session;
export type ChoiceRow = StoredChoice;
export type CommentRow = StoredComment;

/** A session as read before a write: its row, its choices in order, and its revision. */
export interface LoadedSession {
  session: SessionRow;
  choices: ChoiceRow[];
  /** Raised by every write to the session; a write names the revision it was decided on. */
  revision: number;
}

export interface SessionQuery {
  /** Only the sessions of this account. */
  userId?: string;
  /** Only the sessions this account may read as a supervisor or trainer: its own, and its cohorts' trainees'. */
  visibleTo?: string;
  /** Only the sessions of this cohort's trainees. */
  cohortId?: string;
  scenarioId?: string;
  /** Only sessions whose scenario's id, or the title of the version played, contains this (any case; ’ matches '). */
  scenarioSearch?: string;
  participant?: string;
  outcome?: OutcomeFilter;
  mode?: Mode;
  status?: SessionStatus;
  /** `needed`: ended (completed, or abandoned after 2 turns or more) and not marked reviewed; `done`: marked reviewed. */
  review?: ReviewFilter;
  /** Leaves out sessions abandoned after 0 or 1 turns, and counts them in the answer's `hidden`. */
  hideShortAbandoned?: boolean;
  /** Started on or after / before (ISO dates). */
  from?: string;
  to?: string;
  sort?: SessionSort;
  order?: SortOrder;
  /** 1-based page of `pageSize` rows. */
  page?: number;
  pageSize?: number;
}

/** A session as the session list shows it: its row and the title of the scenario version it was played on. */
export type ListedSession = SessionRow & { scenarioTitle: string };

/** Sessions abandoned after this many turns or fewer are hidden from the list unless asked for. */
export const SHORT_ABANDONED_TURNS = 1;

/** The database under a Store, for the authentication library, which keeps its tables beside the store's. */
export interface StoreDatabase {
  db: Kysely<Database>;
  type: "sqlite" | "postgres";
}

export interface Store {
  /** The Kysely database the store runs on. */
  database(): Promise<StoreDatabase>;
  /** Stores a scenario version once; later calls with the same hash do nothing. */
  ensureScenarioVersion(hash: string, scenario: Scenario): Promise<void>;
  getScenarioVersion(hash: string): Promise<Scenario | undefined>;
  createSession(s: Pick<SessionRow, "scenarioId" | "scenarioHash" | "mode" | "participant" | "seed" | "userId">): Promise<SessionRow>;
  getSession(id: string): Promise<SessionRow | undefined>;
  /** A session with its choices in order and its revision, read together (one query). */
  loadSession(id: string): Promise<LoadedSession | undefined>;
  listChoices(sessionId: string): Promise<ChoiceRow[]>;
  /*
   * The writes to a session. Each is carried out only while the session is active and its
   * revision is still `revision` (as `loadSession` read it), in one transaction that raises the
   * revision; otherwise nothing is written and the answer says another write came first. So
   * requests that arrive together are decided one after the other, and a decision is never
   * written over a session that changed after it was read.
   */
  /** Stores a choice (with no note); undefined when another write came first. */
  insertChoice(c: Omit<ChoiceRow, "createdAt" | "note">, revision: number): Promise<ChoiceRow | undefined>;
  /** Removes the choice at `seq`, which must be the last (take-back); false when another write came first. */
  deleteChoice(sessionId: string, seq: number, revision: number): Promise<boolean>;
  /** Completes or abandons the session; undefined when another write came first. */
  finishSession(
    id: string,
    end: { status: EndStatus; outcome: Outcome | null; finalMeters: Meters | null },
    revision: number,
  ): Promise<SessionRow | undefined>;
  /**
   * Sets (or, with null, clears) the trainee's note on the choice at `seq`, whatever the session's
   * status: a note changes no turn, so it is not one of the revision-checked writes above and never
   * makes a choice arriving with it wait or fail. With `choiceId`, only while the choice there is
   * still that one (not taken back and replaced). Undefined when there is no such choice.
   */
  setChoiceNote(sessionId: string, seq: number, note: string | null, choiceId?: string): Promise<ChoiceRow | undefined>;
  /**
   * A page of sessions; `hidden` (with `hideShortAbandoned`) counts those the filters matched but
   * that were left out for being abandoned after 0 or 1 turns.
   */
  listSessions(q: SessionQuery): Promise<{ rows: ListedSession[]; total: number; hidden: number }>;
  /** Stores a comment; `authorId` is the account that wrote it. */
  addComment(c: Pick<CommentRow, "sessionId" | "turn" | "author" | "body"> & { authorId?: string | null }): Promise<CommentRow>;
  listComments(sessionId: string): Promise<CommentRow[]>;
  /** One comment of the session; undefined when the session has no comment with that id. */
  getComment(sessionId: string, commentId: string): Promise<CommentRow | undefined>;
  /**
   * Replaces a comment's text and sets its `editedAt`, unless the text is already that (then
   * nothing is written and the comment is answered as it is). Undefined when there is no such comment.
   */
  editComment(sessionId: string, commentId: string, body: string): Promise<CommentRow | undefined>;
  /** Deletes a comment; false when there was no such comment (already deleted). */
  deleteComment(sessionId: string, commentId: string): Promise<boolean>;
  setReviewed(id: string, reviewed: boolean): Promise<void>;
  /** Reads the database through (SQLite also checks its file for corruption); throws StoreUnavailableError when it cannot be used. */
  check(): Promise<void>;
  close(): Promise<void>;
}
