"use client";

import { useState } from "react";
import type { Mode } from "../../contracts/enums";
import type { Scenario } from "../../scenarios/types";

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

/** Before a session: who the counterpart is, the trainee's name, and practice or assessment. */
export function ModeChooser({
  scenario,
  participant,
  onStart,
  busy,
  notice,
  error,
}: {
  scenario: Scenario;
  /** The name to fill in. */
  participant: string;
  onStart: (mode: Mode, participant: string) => void;
  /** Set while the session is being started. */
  busy: boolean;
  notice: string | null;
  error: string | null;
}) {
  const c = scenario.roles.counterpart;
  const [name, setName] = useState(participant);
  const [nameError, setNameError] = useState<string | undefined>();
  const begin = (mode: Mode) => {
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Give the name your supervisor knows you by, so they can find your session.");
      document.getElementById("participant")?.focus();
      return;
    }
    onStart(mode, trimmed);
  };
  return (
    <div className="space-y-5">
      {notice && (
        <p role="status" className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm">
          {notice}
        </p>
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
      <div className="space-y-1">
        <label htmlFor="participant" className="block font-medium">
          Your name
        </label>
        <input
          id="participant"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(undefined);
          }}
          maxLength={80}
          autoComplete="name"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "participant-error" : "participant-hint"}
          className="w-full max-w-sm rounded border border-stone-400 px-3 py-2"
        />
        {nameError ? (
          <p id="participant-error" className="text-sm text-red-800">
            {nameError}
          </p>
        ) : (
          <p id="participant-hint" className="text-sm text-stone-600">
            Sessions are saved under this name so a supervisor can review them.
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm">
          {error}
        </p>
      )}
      <fieldset className="space-y-3" disabled={busy}>
        <legend className="mb-2 text-lg font-semibold">How do you want to play?</legend>
        {(Object.keys(MODE_TEXT) as Mode[]).map((mode) => (
          <button
            key={mode}
            type="button"
            onClick={() => begin(mode)}
            className="block w-full rounded-lg border border-stone-300 bg-white p-4 text-left hover:border-brand-600 hover:bg-brand-50"
          >
            <span className="block font-semibold">{MODE_TEXT[mode].label}</span>
            <span className="block text-sm text-stone-700">{MODE_TEXT[mode].description}</span>
          </button>
        ))}
      </fieldset>
    </div>
  );
}
