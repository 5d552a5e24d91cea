"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { NOTE_MAX_LENGTH, type ChoiceNote } from "../../machines/play-lifecycle";
import { Button } from "../ui/button";

export interface ChoiceNoteFieldProps {
  /** The scenario or the trainee's assignment asks for a note on this turn: the field is open from the start. */
  asked: boolean;
  /** The note as last saved on this choice, and whether the server has it. */
  note: ChoiceNote | undefined;
  /** Saving waits for the connection or a new sign-in (the outbox keeps the note in this browser meanwhile). */
  held: boolean;
  onSave: (text: string) => void;
}

/** What the field says about the note as last saved, and whether that is a failure to announce at once. */
function statusOf(note: ChoiceNote | undefined, draft: string, held: boolean): { text: string; failed: boolean } {
  if (!note) return { text: "", failed: false };
  if (note.state === "failed") return { text: `Not saved: ${note.message ?? "the server refused it"}. Your text is still here: change it or save it again.`, failed: true };
  if (draft.trim() !== note.text) return { text: "Changed since it was saved: save it again to keep the change.", failed: false };
  if (note.state === "saving") return { text: held ? "Kept in this browser; it is sent once saving can go on." : "Saving the note…", failed: false };
  return { text: note.text === "" ? "Note cleared." : "Note saved.", failed: false };
}

/**
 * The trainee's optional note on why they made a choice (practice mode), under its feedback.
 * Folded to one button unless the turn asks for a note or one was written; never in the way of
 * going on. Plain text: it is shown as text wherever it appears, never as HTML.
 */
export function ChoiceNoteField({ asked, note, held, onSave }: ChoiceNoteFieldProps) {
  const [open, setOpen] = useState(asked || (note !== undefined && note.text !== ""));
  const [draft, setDraft] = useState(note?.text ?? "");
  const field = useRef<HTMLTextAreaElement>(null);
  const focusOnOpen = useRef(false);
  const id = useId();

  useEffect(() => {
    if (open && focusOnOpen.current) {
      focusOnOpen.current = false;
      field.current?.focus();
    }
  }, [open]);

  const status = statusOf(note, draft, held);
  const trimmed = draft.trim();
  // Nothing to save: the same text the server has or is getting, or an empty field with no note to clear.
  const unchanged = note ? trimmed === note.text && note.state !== "failed" : trimmed === "";

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    if (!unchanged) onSave(draft);
  };
  // Ctrl+Enter (⌘+Enter) saves from the field, as in most comment boxes.
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) save(e);
  };

  if (!open) {
    return (
      <div className="mt-2">
        <Button
          variant="quiet"
          aria-expanded={false}
          onClick={() => {
            focusOnOpen.current = true;
            setOpen(true);
          }}
          className="text-sm"
        >
          Why did you choose this? (optional)
        </Button>
      </div>
    );
  }

  const askedId = `${id}-asked`;
  const countId = `${id}-count`;
  return (
    <form onSubmit={save} className="mt-3 space-y-1 border-t border-stone-300/70 pt-2">
      {asked && (
        <p id={askedId} className="font-medium text-stone-800">
          Your trainer asks for a note on this turn. It is optional: you can go on without one.
        </p>
      )}
      <label htmlFor={`${id}-text`} className="block font-medium">
        Why did you choose this? (optional)
      </label>
      <textarea
        ref={field}
        id={`${id}-text`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        rows={2}
        maxLength={NOTE_MAX_LENGTH}
        aria-describedby={[asked ? askedId : undefined, countId].filter(Boolean).join(" ")}
        className="w-full rounded border border-stone-400 bg-white px-2 py-1 text-base"
      />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Button type="submit" variant="secondary" size="sm" disabled={unchanged}>
          Save note
        </Button>
        <span id={countId} className="text-xs text-stone-600">
          {draft.length} of {NOTE_MAX_LENGTH} characters
        </span>
      </div>
      {/* Both always present, so each change of the note's state is announced; a failure at once. */}
      <p role="status" className="text-stone-700">
        {status.failed ? "" : status.text}
      </p>
      <p role="alert" className="text-red-800">
        {status.failed ? status.text : ""}
      </p>
    </form>
  );
}
