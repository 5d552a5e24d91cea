"use client";

import { useSearchParams } from "next/navigation";
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

/** The mode an assignment asks for, from the page address: the home page's Start links carry `?mode=`. */
function modeInAddress(search: Pick<URLSearchParams, "get"> | null): Mode | null {
  const mode = search?.get("mode");
  return MODES.find((m) => m === mode) ?? null;
}

/**
 * Before a session: who the counterpart is, who plays, and practice or assessment. Opened for an
 * assignment, the mode it asks for comes first, marked, with the focus on it.
 */
export function ModeChooser({
  scenario,
  participant,
  onStart,
  busy,
  notice,
  error,
  assigned,
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
}) {
  const address = useSearchParams();
  const wanted = assigned === undefined ? modeInAddress(address) : assigned;
  const modes = wanted === null ? MODES : [wanted, ...MODES.filter((m) => m !== wanted)];
  const c = scenario.roles.counterpart;
  const begin = (mode: Mode) => onStart(mode, participant);
  return (
    <div className="space-y-5">
      {notice && (
        <Notice tone="info" role="status">
          {notice}
        </Notice>
      )}
      <p>
        You are the <strong>{scenario.roles.trainee.toLowerCase()}</strong>. You will be talking with{" "}
        <strong>{c.name}</strong>
        {c.description ? `: ${c.description}` : "."}
      </p>
      {scenario.contentNote && (
        <aside aria-label="Content note" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="font-semibold">Content note</p>
          <p>{scenario.contentNote}</p>
          <p className="mt-1 text-sm">You can pause or leave at any point, with no penalty.</p>
        </aside>
      )}
      <p className="text-sm text-stone-700">
        Playing as <strong>{participant}</strong>: a supervisor reviewing your sessions sees this name.
      </p>
      {error && (
        <Notice tone="error" role="alert">
          {error}
        </Notice>
      )}
      <fieldset className="space-y-3" disabled={busy}>
        <legend className="mb-2 text-lg font-semibold">How do you want to play?</legend>
        {wanted !== null && (
          <p className="text-sm text-stone-700">
            Your assignment asks for <strong>{MODE_TEXT[wanted].label.toLowerCase()}</strong> mode: only a session played in that mode
            counts as done.
          </p>
        )}
        {modes.map((mode) => (
          <Button
            key={mode}
            variant="option"
            onClick={() => begin(mode)}
            className={mode === wanted ? "block ring-2 ring-brand-600" : "block"}
            autoFocus={mode === wanted}
          >
            <span className="block font-semibold">
              {MODE_TEXT[mode].label}
              {mode === wanted && <span className="ml-2 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-medium text-white">Assigned</span>}
            </span>
            <span className="block text-sm text-stone-700">{MODE_TEXT[mode].description}</span>
          </Button>
        ))}
      </fieldset>
    </div>
  );
}
