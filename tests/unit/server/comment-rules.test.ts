/**
 * Editing and deleting reviewers' comments, on SQLite and PostgreSQL: only a comment's author
 * edits it (while they may still review the session); its author or an administrator deletes it;
 * anyone else is refused, a session they may not read answered as no session; a retry changes
 * nothing more; every change is in the audit log, without the comment's words.
 */
import { describe, expect, it } from "vitest";
import { storeBackends } from "../../store-backends";
import { createAccount, type Account } from "../../../server/accounts";
import { listAudit } from "../../../server/audit";
import { authSecret, createAuth } from "../../../server/auth";
import { addMember, createCohort } from "../../../server/cohorts";
import { setRoles } from "../../../server/people";
import { addComment, appendChoice, commentRightsOf, deleteComment, editComment, getSessionTranscript } from "../../../server/session-service";
import { scenarioHash } from "../../../scenarios/hash";
import { fakeChoice, fakeEnding, fakeScenario, fakeTurn } from "../../fakes";

const backends = storeBackends("comment-rules");

const scenario = fakeScenario({
  id: "short",
  nodes: { one: fakeTurn([fakeChoice({ id: "ok", next: "end" })]), end: fakeEnding("connected") },
});

const PASSWORD = "a long enough password";

describe("commentRightsOf", () => {
  const sue: Account = { id: "sue", email: "sue@example.org", name: "Sue", roles: ["supervisor"] };
  const ada: Account = { id: "ada", email: "ada@example.org", name: "Ada", roles: ["admin"] };
  it("lets the author edit and delete while a reviewer, an administrator delete any comment, and no one touch a comment without a known author but an administrator", () => {
    expect(commentRightsOf(sue, true, { authorId: "sue" })).toEqual({ edit: true, delete: true });
    expect(commentRightsOf(sue, false, { authorId: "sue" })).toEqual({ edit: false, delete: false });
    expect(commentRightsOf(sue, true, { authorId: "tom" })).toEqual({ edit: false, delete: false });
    expect(commentRightsOf(sue, true, { authorId: null })).toEqual({ edit: false, delete: false });
    expect(commentRightsOf(ada, true, { authorId: "sue" })).toEqual({ edit: false, delete: true });
    expect(commentRightsOf(ada, true, { authorId: null })).toEqual({ edit: false, delete: true });
    expect(commentRightsOf(ada, true, { authorId: "ada" })).toEqual({ edit: true, delete: true });
  });
});

describe.each(backends)("comment edits and deletions on %s", (_name, openStore) => {
  /** North: Sue (supervisor) and Tom (trainer) are staff, Tia a trainee; South: Ola (supervisor). Ada administers. Tia has played one turn; Sue commented on it. */
  async function program() {
    const store = await openStore();
    const database = await store.database();
    const { db } = database;
    const auth = createAuth(database, await authSecret(db, {}));
    const make = (name: string, roles: Account["roles"]) =>
      createAccount(auth, db, { email: `${name.toLowerCase()}@example.org`, name, password: PASSWORD, roles });
    const ada = await make("Ada", ["admin"]);
    const sue = await make("Sue", ["supervisor"]);
    const tom = await make("Tom", ["trainer"]);
    const ola = await make("Ola", ["supervisor"]);
    const tia = await make("Tia", ["trainee"]);
    const north = await createCohort(db, ada, "North");
    const south = await createCohort(db, ada, "South");
    await addMember(db, ada, north.id, sue.id, "staff");
    await addMember(db, ada, north.id, tom.id, "staff");
    await addMember(db, ada, north.id, tia.id, "trainee");
    await addMember(db, ada, south.id, ola.id, "staff");
    const hash = await scenarioHash(scenario);
    await store.ensureScenarioVersion(hash, scenario);
    const session = await store.createSession({ scenarioId: "short", scenarioHash: hash, mode: "practice", participant: "Tia", seed: 1, userId: tia.id });
    await appendChoice(store, tia, session.id, { seq: 1, choiceId: "ok", timeTakenMs: 100 });
    const comment = await addComment(store, sue, session.id, { turn: 1, body: "You stayed with her." });
    const audited = async (action: string) => (await listAudit(db, {})).entries.filter((e) => e.action === action);
    return { store, db, ada, sue, tom, ola, tia, session, comment, audited };
  }

  it("lets the author edit a comment: the text and when it was edited are kept, and the audit log says who and where, never the words", async () => {
    const p = await program();
    expect(p.comment).toMatchObject({ authorId: p.sue.id, editedAt: null });
    const edited = await editComment(p.store, p.sue, p.session.id, p.comment.id, { body: "You stayed with her feeling." });
    expect(edited).toEqual({ ...p.comment, body: "You stayed with her feeling.", editedAt: expect.any(String) });
    const t = await getSessionTranscript(p.store, p.tia, p.session.id);
    expect(t.turns[0]!.comments.map((c) => c.body)).toEqual(["You stayed with her feeling."]);
    const [entry, ...more] = await p.audited("comment-edited");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: { id: p.sue.id, name: "Sue" },
      subject: null,
      detail: { sessionId: p.session.id, scenarioId: "short", turn: 1, commentId: p.comment.id },
    });
    expect(JSON.stringify(entry)).not.toContain("stayed");
  });

  it("answers a retried edit with the comment as it is, writing nothing more", async () => {
    const p = await program();
    const first = await editComment(p.store, p.sue, p.session.id, p.comment.id, { body: "Clearer now." });
    const again = await editComment(p.store, p.sue, p.session.id, p.comment.id, { body: "Clearer now." });
    expect(again).toEqual(first);
    expect(await p.audited("comment-edited")).toHaveLength(1);
  });

  it("refuses someone else's comment: another reviewer of the session (403), the trainee (403), and staff of another cohort as if the session did not exist (404)", async () => {
    const p = await program();
    const forbidden = expect.objectContaining({ name: "ServiceError", status: 403 });
    await expect(editComment(p.store, p.tom, p.session.id, p.comment.id, { body: "Hijacked." })).rejects.toThrow(
      expect.objectContaining({ status: 403, message: "only its author can edit a comment" }),
    );
    await expect(deleteComment(p.store, p.tom, p.session.id, p.comment.id)).rejects.toThrow(
      expect.objectContaining({ status: 403, message: "only its author or an administrator can delete a comment" }),
    );
    await expect(editComment(p.store, p.tia, p.session.id, p.comment.id, { body: "Mine now." })).rejects.toThrow(forbidden);
    await expect(deleteComment(p.store, p.tia, p.session.id, p.comment.id)).rejects.toThrow(forbidden);
    const missing = expect.objectContaining({ status: 404, message: `no session "${p.session.id}"` });
    await expect(editComment(p.store, p.ola, p.session.id, p.comment.id, { body: "Hijacked." })).rejects.toThrow(missing);
    await expect(deleteComment(p.store, p.ola, p.session.id, p.comment.id)).rejects.toThrow(missing);
    // An administrator deletes any comment, but edits only their own.
    await expect(editComment(p.store, p.ada, p.session.id, p.comment.id, { body: "Rewritten." })).rejects.toThrow(forbidden);
    expect(await p.store.getComment(p.session.id, p.comment.id)).toEqual(p.comment);
    expect(await p.audited("comment-edited")).toEqual([]);
    expect(await p.audited("comment-deleted")).toEqual([]);
  });

  it("deletes a comment for its author once; a retry is 404 and deletes nothing more", async () => {
    const p = await program();
    const other = await addComment(p.store, p.tom, p.session.id, { turn: null, body: "Overall warm." });
    await deleteComment(p.store, p.sue, p.session.id, p.comment.id);
    await expect(deleteComment(p.store, p.sue, p.session.id, p.comment.id)).rejects.toThrow(
      expect.objectContaining({ status: 404, message: `no comment "${p.comment.id}" on this session; it may have been deleted` }),
    );
    await expect(editComment(p.store, p.sue, p.session.id, p.comment.id, { body: "Back?" })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    expect(await p.store.listComments(p.session.id)).toEqual([other]);
    const deleted = await p.audited("comment-deleted");
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ actor: { id: p.sue.id }, subject: null, detail: { turn: 1, commentId: p.comment.id } });
  });

  it("lets an administrator delete someone else's comment, naming its author in the audit log", async () => {
    const p = await program();
    await deleteComment(p.store, p.ada, p.session.id, p.comment.id);
    expect(await p.store.listComments(p.session.id)).toEqual([]);
    const [entry] = await p.audited("comment-deleted");
    expect(entry).toMatchObject({ actor: { id: p.ada.id, name: "Ada" }, subject: { id: p.sue.id, name: "Sue" } });
  });

  it("takes editing away from an author who may no longer review the session", async () => {
    const p = await program();
    await setRoles(p.db, p.ada, p.sue.id, ["trainee"]);
    const sue: Account = { ...p.sue, roles: ["trainee"] };
    await expect(editComment(p.store, sue, p.session.id, p.comment.id, { body: "Late change." })).rejects.toThrow(expect.objectContaining({ status: 404 }));
    await expect(deleteComment(p.store, sue, p.session.id, p.comment.id)).rejects.toThrow(expect.objectContaining({ status: 404 }));
  });

  it("answers a comment of another session, or no comment, with 404", async () => {
    const p = await program();
    const hash = await scenarioHash(scenario);
    const second = await p.store.createSession({ scenarioId: "short", scenarioHash: hash, mode: "practice", participant: "Tia", seed: 2, userId: p.tia.id });
    const missing = expect.objectContaining({ status: 404 });
    await expect(editComment(p.store, p.sue, second.id, p.comment.id, { body: "Moved." })).rejects.toThrow(missing);
    await expect(deleteComment(p.store, p.sue, second.id, p.comment.id)).rejects.toThrow(missing);
    await expect(deleteComment(p.store, p.sue, p.session.id, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(missing);
    expect(await p.store.getComment(p.session.id, p.comment.id)).toEqual(p.comment);
  });

  it("leaves a comment whose author was erased to administrators to delete", async () => {
    const p = await program();
    await p.db.updateTable("comments").set({ author_id: null, author: "Erased person" }).where("id", "=", p.comment.id).execute();
    await expect(editComment(p.store, p.sue, p.session.id, p.comment.id, { body: "Mine?" })).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await expect(deleteComment(p.store, p.sue, p.session.id, p.comment.id)).rejects.toThrow(expect.objectContaining({ status: 403 }));
    await deleteComment(p.store, p.ada, p.session.id, p.comment.id);
    expect(await p.store.listComments(p.session.id)).toEqual([]);
  });
});
