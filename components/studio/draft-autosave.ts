/**
 * Saving a draft while it is written, so nothing typed is lost and nothing is silently written
 * over. Plain TypeScript with its effects passed in (the request, the browser's storage, the
 * clock), so it is tested without a browser.
 *
 * - Every edit is saved about 800 ms after the last keystroke, and at once when the page is left
 *   (`flush`). Each save names the revision it was based on.
 * - Every edit is also kept in the browser's storage at most a second after it was made, and the
 *   copy is dropped only once the server holds that very text: a reload, a crash or a lost
 *   connection costs nothing typed more than a second or two before.
 * - A save that was refused because the draft was saved elsewhere since (409) stops saving and
 *   shows both texts; the author keeps one of them (`keepTheirs`, `keepYours`).
 * - A save that reached no server is tried again every few seconds (and when the browser says it
 *   is back online); meanwhile the text is kept in the browser.
 */

/** The server's version of a draft that a save was refused against. */
export interface StoredVersion {
  text: string;
  revision: number;
  updatedAt: string;
}

/** What one save request came to. */
export type SaveResult =
  | { kind: "saved"; revision: number; updatedAt: string }
  | { kind: "conflict"; stored: StoredVersion }
  /** `status` null: no answer came (offline, or the server cannot be reached). */
  | { kind: "failed"; status: number | null; error: string };

/** What the status line says. */
export type AutosaveStatus =
  | { kind: "saved"; updatedAt: string }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "failed"; error: string }
  | { kind: "conflict"; theirs: StoredVersion; yours: string };

/** The copy of unsaved text kept in the browser. */
export interface KeptText {
  text: string;
  /** The revision that text was based on. */
  baseRevision: number;
  /** When it was kept (ISO). */
  keptAt: string;
}

export interface AutosaveDeps {
  /** Sends one save; `keepalive` when the page is being left. Never rejects. */
  save(text: string, baseRevision: number, options: { keepalive: boolean }): Promise<SaveResult>;
  /** Keeps a copy in the browser (null: drop it). May throw when storage is full or refused. */
  keep(copy: KeptText | null): void;
  /** Called after every change of status. */
  onStatus(status: AutosaveStatus): void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  now?: () => Date;
}

/** After the last keystroke, how long to wait before saving. */
export const SAVE_DELAY_MS = 800;
/** At most how long an edit waits before it is kept in the browser. */
export const KEEP_DELAY_MS = 1000;
/** How long to wait before trying again a save that reached no server (or that the server failed). */
export const RETRY_DELAY_MS = 5000;

export class DraftAutosave {
  private text: string;
  /** The text the server holds at `revision`. */
  private savedText: string;
  private revision: number;
  private status: AutosaveStatus;
  private saving = false;
  private saveTimer: unknown = null;
  private keepTimer: unknown = null;
  private readonly set: (fn: () => void, ms: number) => unknown;
  private readonly clear: (handle: unknown) => void;
  private readonly now: () => Date;

  /**
   * `server` is the draft as loaded; `kept` the copy the browser kept of it, if any. A kept text
   * that differs from the server's is taken as the current text and saved on its own base
   * revision: when the server moved on since, that save is refused and both versions are shown.
   */
  constructor(
    server: { text: string; revision: number; updatedAt: string },
    kept: KeptText | null,
    private readonly deps: AutosaveDeps,
  ) {
    this.set = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clear = deps.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = deps.now ?? (() => new Date());
    this.savedText = server.text;
    this.revision = server.revision;
    this.text = server.text;
    this.status = { kind: "saved", updatedAt: server.updatedAt };
    this.restored = kept !== null && kept.text !== server.text ? kept : null;
    if (this.restored) {
      this.text = this.restored.text;
      this.revision = Math.min(this.restored.baseRevision, server.revision);
      this.status = { kind: "pending" };
      this.scheduleSave(0);
    } else if (kept) {
      this.tryKeep(null);
    }
  }

  /** The copy restored from the browser when the page loaded, if one was. */
  readonly restored: KeptText | null;

  /** The text as it stands now (the editor's). */
  get currentText(): string {
    return this.text;
  }

  get currentStatus(): AutosaveStatus {
    return this.status;
  }

  /** Whether the server holds every edit made so far. */
  get clean(): boolean {
    return this.text === this.savedText && !this.saving && this.status.kind !== "conflict";
  }

  /** The editor's text changed. */
  edit(text: string): void {
    if (text === this.text) return;
    this.text = text;
    if (this.keepTimer === null) this.keepTimer = this.set(() => this.keepNow(), KEEP_DELAY_MS);
    if (this.status.kind === "conflict") return;
    if (!this.saving && this.status.kind !== "pending") this.setStatus({ kind: "pending" });
    this.scheduleSave(SAVE_DELAY_MS);
  }

  /** Saves what is not saved yet at once: the page is being hidden or left. */
  flush(): void {
    this.keepNow();
    if (this.status.kind === "conflict" || this.saving || this.text === this.savedText) return;
    this.cancelSave();
    void this.saveNow(true);
  }

  /** Tries a waiting save again now (the browser is back online). */
  retry(): void {
    if (this.status.kind === "offline" || this.status.kind === "failed") {
      this.cancelSave();
      void this.saveNow(false);
    }
  }

  /** Resolves a conflict with the server's version: it becomes the text (the caller puts it in the editor). */
  keepTheirs(): string {
    if (this.status.kind !== "conflict") return this.text;
    const { theirs } = this.status;
    this.text = theirs.text;
    this.savedText = theirs.text;
    this.revision = theirs.revision;
    this.tryKeep(null);
    this.setStatus({ kind: "saved", updatedAt: theirs.updatedAt });
    return theirs.text;
  }

  /** Resolves a conflict with this editor's text: saved on top of the server's version. */
  keepYours(): void {
    if (this.status.kind !== "conflict") return;
    const { theirs } = this.status;
    this.savedText = theirs.text;
    this.revision = theirs.revision;
    this.setStatus({ kind: "pending" });
    this.keepNow();
    void this.saveNow(false);
  }

  /** Stops the timers (the editor is closed); what is unsaved stays kept in the browser. */
  dispose(): void {
    this.cancelSave();
    if (this.keepTimer !== null) this.clear(this.keepTimer);
    this.keepTimer = null;
  }

  private setStatus(status: AutosaveStatus): void {
    this.status = status;
    this.deps.onStatus(status);
  }

  private scheduleSave(ms: number): void {
    this.cancelSave();
    this.saveTimer = this.set(() => {
      this.saveTimer = null;
      void this.saveNow(false);
    }, ms);
  }

  private cancelSave(): void {
    if (this.saveTimer !== null) this.clear(this.saveTimer);
    this.saveTimer = null;
  }

  private keepNow(): void {
    if (this.keepTimer !== null) this.clear(this.keepTimer);
    this.keepTimer = null;
    if (this.text === this.savedText && this.status.kind !== "conflict") this.tryKeep(null);
    else this.tryKeep({ text: this.text, baseRevision: this.revision, keptAt: this.now().toISOString() });
  }

  private tryKeep(copy: KeptText | null): void {
    try {
      this.deps.keep(copy);
    } catch {
      // Storage full or refused: the server copy is all there is; saving goes on.
    }
  }

  private async saveNow(keepalive: boolean): Promise<void> {
    if (this.saving || this.status.kind === "conflict") return;
    if (this.text === this.savedText) {
      if (this.status.kind !== "saved") this.setStatus({ kind: "saved", updatedAt: this.now().toISOString() });
      return;
    }
    const sent = this.text;
    const base = this.revision;
    this.saving = true;
    this.setStatus({ kind: "saving" });
    const result = await this.deps.save(sent, base, { keepalive });
    this.saving = false;
    if (result.kind === "saved") {
      this.savedText = sent;
      this.revision = result.revision;
      if (this.text === sent) {
        this.tryKeep(null);
        this.setStatus({ kind: "saved", updatedAt: result.updatedAt });
      } else {
        // Typed on while the save was on its way: save again once typing pauses.
        this.setStatus({ kind: "pending" });
        this.scheduleSave(SAVE_DELAY_MS);
      }
    } else if (result.kind === "conflict") {
      this.cancelSave();
      this.keepNow();
      this.setStatus({ kind: "conflict", theirs: result.stored, yours: this.text });
    } else {
      this.keepNow();
      this.setStatus(result.status === null ? { kind: "offline" } : { kind: "failed", error: result.error });
      // A refusal of the text itself (too large, 413) waits for the next edit; anything else is tried again.
      if (result.status === null || result.status >= 500 || result.status === 429) this.scheduleSave(RETRY_DELAY_MS);
    }
  }
}
