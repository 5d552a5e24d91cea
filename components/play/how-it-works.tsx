"use client";

import { useState } from "react";
import { RESPONSE_KIND_IDS, RESPONSE_KINDS, type KindEffect } from "../../scenarios/kinds";
import { Button } from "../ui/button";
import { rememberIntroSeen } from "./browser-hints";
import { Dialog } from "./confirm-dialog";
import { meterMeaning } from "./meanings";

const EFFECT_HEADING: Record<KindEffect, string> = {
  helpful: "Usually help",
  neutral: "Neither help nor hurt",
  harmful: "Usually hurt",
};

const EFFECT_DOT: Record<KindEffect, string> = {
  helpful: "bg-emerald-600",
  neutral: "bg-stone-400",
  harmful: "bg-amber-600",
};

const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The twelve kinds of response, grouped by how they tend to act, each with its one line. */
export function KindList() {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      {(["helpful", "neutral", "harmful"] as const).map((effect) => (
        <div key={effect}>
          <h4 className="mb-1 flex items-center gap-2 text-sm font-semibold">
            <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${EFFECT_DOT[effect]}`} />
            {EFFECT_HEADING[effect]}
          </h4>
          <dl className="space-y-1.5 text-sm">
            {RESPONSE_KIND_IDS.filter((k) => RESPONSE_KINDS[k].effect === effect).map((k) => (
              <div key={k}>
                <dt className="font-medium">{RESPONSE_KINDS[k].label}</dt>
                <dd className="text-stone-700">{sentenceCase(RESPONSE_KINDS[k].does)}.</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}

/** What the simulator is about, in a few lines: the meters, the twelve kinds, the two modes. */
export function HowItWorksText({ name, headingLevel = 3 }: { name: string; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-4 text-[0.95rem] leading-relaxed">
      <p>
        {name} speaks; you answer by picking one of a few responses. There is no trick: some responses build the relationship,
        others strain it, and the feedback says why. While you play, the bar shows the turn you are on and the most turns the
        conversation can take (&ldquo;Turn 3 of up to 12&rdquo;); many end sooner.
      </p>
      <div>
        <H className="font-semibold">Two meters, from 0 to 100</H>
        <dl className="mt-1 space-y-1">
          <div>
            <dt className="inline font-medium">Rapport: </dt>
            <dd className="inline">{meterMeaning("rapport", name)}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Mutuality: </dt>
            <dd className="inline">{meterMeaning("mutuality")}</dd>
          </div>
        </dl>
        <p className="mt-1 text-sm text-stone-700">They stop at 100 and at 0: a meter at the top cannot go higher.</p>
      </div>
      <div>
        <H className="font-semibold">Twelve kinds of response</H>
        <p className="mt-1">Each response is one kind, such as a reflection, an open question or advice. The feedback names the kind you chose.</p>
        <details className="group mt-2 rounded-lg border border-stone-200 bg-white">
          <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium text-brand-700 hover:bg-stone-50">
            The twelve kinds, one line each
          </summary>
          <div className="border-t border-stone-200 p-3">
            <KindList />
          </div>
        </details>
      </div>
      <div>
        <H className="font-semibold">Practice or assessment</H>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>
            <strong>Practice</strong>: feedback after every response, the meters in view, and you can take back your last choice.
          </li>
          <li>
            <strong>Assessment</strong>: no feedback, meters or take-backs until the debrief at the end, like a real conversation.
          </li>
        </ul>
      </div>
    </div>
  );
}

/** The card shown before a trainee's first session; dismissed for good with "Got it". */
export function HowItWorksCard({ name, onDismiss }: { name: string; onDismiss: () => void }) {
  return (
    <section aria-labelledby="how-it-works-heading" className="rounded-xl border border-brand-100 bg-brand-50/60 p-5">
      <h2 id="how-it-works-heading" className="mb-3 text-lg font-semibold">
        How this works
      </h2>
      <HowItWorksText name={name} />
      <Button
        variant="secondary"
        className="mt-4"
        onClick={() => {
          rememberIntroSeen();
          onDismiss();
        }}
      >
        Got it
      </Button>
    </section>
  );
}

/** "How this works", one click away: a link-styled button that opens the same text in a dialog. */
export function HowItWorksButton({ name, className }: { name: string; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="quiet" className={["text-sm", className].filter(Boolean).join(" ")} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        How this works
      </Button>
      <Dialog open={open} title="How this works" onClose={() => setOpen(false)} wide>
        <HowItWorksText name={name} />
      </Dialog>
    </>
  );
}
