"use client";

import { useSearchParams } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";
import type { Mode } from "../../contracts/enums";
import { MODES } from "../../contracts/modes";
import type { Scenario } from "../../scenarios/types";
import { Button } from "../ui/button";
import { Notice } from "../ui/notice";

const MODE_TEXT = {
  practice: {
    label: "Practice",
    description: "Feedback after every choice, the meters visible, and you can take back your last choice.",
  },
  assessment: {
    label: "Assessment",
    description: "No feedback, meters or take-backs until the debrief at the end.",
  },
} satisfies Record<Mode, { label: string; description: string }>;

/** A mode named in a page address (`?mode=` from an assignment, `?start=` from the mode form), or null. */
export function modeFrom(value: string | null | undefined): Mode | null {
  return MODES.find((m) => m === value) ?? null;
}

/** The id of the chooser's heading, where the focus goes when the trainee comes back to it. */
export const MODE_HEADING_ID = "mode-heading";

/**
 * Before a session: the content note, anything to read first (`children`: how this works), who
 * plays, and practice or assessment. Opened for an assignment, the mode it asks for comes first,
 * marked, with the focus on it.
 *
 * The choice is a plain form: each mode is a submit button of a GET form back to this page with
 * `?start=<mode>`. Once the page's script runs, a click starts the session at once; a click that
 * lands before (a slow phone, a busy machine) submits the form, and the page starts the mode it
 * names as soon as it can (play-view.tsx), so no click is lost.
 */
export function ModeChooser({
  scenario,
  participant,
  onStart,
  busy,
  notice,
  error,
  assigned,
  children,
}: {
  scenario: Scenario;
  /** Who plays: the signed-in account's display name. */
  participant: string;
  onStart: (mode: Mode, participant: string) => void;
  /** Set while the session is being started. */
  busy: boolean;
  notice: string | null;
  error: string | null;
  /** The mode an assignment asks for; read from the page address when not given. */
  assigned?: Mode | null;
  children?: ReactNode;
}) {
  const address = useSearchParams();
  const wanted = assigned === undefined ? modeFrom(address?.get("mode")) : assigned;
  const modes = wanted === null ? MODES : [wanted, ...MODES.filter((m) => m !== wanted)];
  const begin = (mode: Mode) => (e: MouseEvent<HTMLButtonElement>) => {
    // Handled here: the form is only submitted when this script has not run yet.
    e.preventDefault();
    onStart(mode, participant);
  };
  // With something to read first, on a wide screen it sits in a column of its own beside the
  // modes, so both are in view; the rows of the first column are its items, the last row takes
  // whatever height the second column needs.
  const col = children ? "lg:col-start-1" : undefined;
  return (
    <div className={children ? "space-y-6 lg:grid lg:grid-cols-2 lg:grid-rows-[repeat(5,auto)_1fr] lg:gap-x-10" : "space-y-6"}>
      {notice && (
        <Notice tone="info" role="status" className={col}>
          {notice}
        </Notice>
      )}
      {scenario.contentNote && (
        <aside aria-label="Content note" className={["rounded-xl border border-amber-300 bg-amber-50 p-4", col].filter(Boolean).join(" ")}>
          <p className="font-semibold">Content note</p>
          <p>{scenario.contentNote}</p>
          <p className="mt-1 text-sm">You can pause or leave at any point, with no penalty.</p>
        </aside>
      )}
      {children && <div className="lg:col-start-2 lg:row-span-6 lg:row-start-1">{children}</div>}
      {error && (
        <Notice tone="error" role="alert" className={col}>
          {error}
        </Notice>
      )}
      <form method="get" action={`/play/${encodeURIComponent(scenario.id)}`} onSubmit={(e) => e.preventDefault()} className={col}>
        {wanted !== null && <input type="hidden" name="mode" value={wanted} />}
        <fieldset className="space-y-3" disabled={busy}>
          <legend className="mb-2">
            <h2 id={MODE_HEADING_ID} tabIndex={-1} className="text-lg font-semibold">
              How do you want to play?
            </h2>
          </legend>
          {wanted !== null && (
            <p className="text-sm text-stone-700">
              Your assignment asks for <strong>{MODE_TEXT[wanted].label.toLowerCase()}</strong> mode: only a session played in that mode counts as
              done.
            </p>
          )}
          <div className={children ? "grid gap-3 sm:grid-cols-2 lg:grid-cols-1" : "grid gap-3 sm:grid-cols-2"}>
            {modes.map((mode) => (
              <Button
                key={mode}
                type="submit"
                name="start"
                value={mode}
                variant="option"
                onClick={begin(mode)}
                className={mode === wanted ? "block h-full ring-2 ring-brand-600" : "block h-full"}
                autoFocus={mode === wanted}
              >
                <span className="block text-base font-semibold">
                  {MODE_TEXT[mode].label}
                  {mode === wanted && <span className="ml-2 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-medium text-white">Assigned</span>}
                </span>
                <span className="mt-1 block text-sm text-stone-700">{MODE_TEXT[mode].description}</span>
              </Button>
            ))}
          </div>
          <p aria-live="polite" className="text-sm text-stone-700">
            {busy ? "Starting your session…" : ""}
          </p>
        </fieldset>
      </form>
      <p className={["text-sm text-stone-700", col].filter(Boolean).join(" ")}>
        Playing as <strong>{participant}</strong>: a supervisor reviewing your sessions sees this name.
      </p>
    </div>
  );
}
