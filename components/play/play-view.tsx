"use client";

import { useSelector } from "@xstate/react";
import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useMemo, useRef, useState } from "react";
import type { Mode } from "../../contracts/enums";
import { conversationSnapshot } from "../../machines/conversation-state";
import { shownStageOf, stageOf, type PlayLifecycleActor, type PlayStage } from "../../machines/play-lifecycle";
import { transcriptOf } from "../../machines/replay";
import type { Scenario } from "../../scenarios/types";
import { Button, ButtonLink } from "../ui/button";
import { Notice } from "../ui/notice";
import { rememberIntroSeen } from "./browser-hints";
import { Dialog } from "./confirm-dialog";
import { Conversation, type Arrival } from "./conversation";
import { HowItWorksButton, HowItWorksCard } from "./how-it-works";
import { MODE_HEADING_ID, ModeChooser, modeFrom } from "./mode-chooser";
import { Portrait } from "./portrait";
import type { SaveStatusProps } from "./save-status";
import { SaveStatus } from "./save-status";
import { plural } from "./words";

// The debrief is only needed at the end, so it is not part of the page's first load. Its
// loading line is a Suspense boundary of the page's own (see PlayView).
const DebriefView = dynamic(() => import("./debrief-view"));

export interface PlayViewProps {
  actorRef: PlayLifecycleActor;
  scenario: Scenario;
  /** The most turns any play of the scenario takes, when known (the library's count). */
  longest?: number | "unbounded";
  /** The endings some play can reach (worked out on the server), for the debrief's "Endings found". */
  reachableEndings?: readonly string[];
  /**
   * This browser keeps a session of the scenario (a cookie says so): until the page's script has
   * read it, the page says it is loading rather than offering modes it would replace.
   */
  savedHint?: boolean;
  /** The trainee has seen how the simulator works: the card is not shown first. */
  introSeen?: boolean;
}

/** Drops `?start=` from the address once acted on, so a reload does not start another session. */
function forgetStartInAddress() {
  const url = new URL(window.location.href);
  if (!url.searchParams.has("start")) return;
  url.searchParams.delete("start");
  window.history.replaceState(window.history.state, "", url);
}

/** What the play page shows for each stage of the lifecycle; it renders and sends, nothing else. */
export function PlayView({ actorRef, scenario, longest, reachableEndings, savedHint = false, introSeen = false }: PlayViewProps) {
  const stage = useSelector(actorRef, stageOf);
  // What is drawn: the stage, or the session expected from the server while the storage is read.
  const shown = useSelector(actorRef, shownStageOf);
  const saveState = useSelector(actorRef, (s) => s.context.saveState);
  const storageRefused = useSelector(actorRef, (s) => s.context.storageRefused);
  const participant = useSelector(actorRef, (s) => s.context.participant);
  const turnsTaken = useSelector(actorRef, (s) => s.context.session?.conversation.context.turns.length ?? 0);
  const notice = useSelector(actorRef, (s) => s.context.notice);
  const startError = useSelector(actorRef, (s) => s.context.startError);
  const address = useSearchParams();

  // A mode chosen before the page could start it: from the plain form (`?start=`), or a click that
  // came while the saved session was still being looked for. Started once the modes are on offer;
  // dropped if a saved session was resumed instead.
  const [queued, setQueued] = useState<Mode | null>(() => modeFrom(address?.get("start")));
  useEffect(() => {
    if (queued === null || stage === "loading") return;
    if (stage === "choosing") {
      rememberIntroSeen();
      actorRef.send({ type: "session.start", mode: queued, participant });
    }
    setQueued(null);
    forgetStartInAddress();
  }, [queued, stage, actorRef, participant]);

  const [showIntro, setShowIntro] = useState(!introSeen);
  // The debrief drawn on the page's first render (the server drew it) has no Suspense boundary
  // of its own: the server sends a boundary this large after the rest of the page and shows it
  // later, and it is to be in the first paint. While the page's script loads its code, the
  // server's drawing stays. Reached later, it gets a loading line while its code loads.
  const [endedFirst] = useState(shown === "ended");
  const [confirming, setConfirming] = useState(false);

  // How the trainee came to where they are, for the focus: the stage before this one.
  const previous = useRef<PlayStage>(stage);
  const arrival = useRef<Arrival>("resumed");
  const focusModes = useRef(false);
  if (previous.current !== stage) {
    if (stage === "playing") {
      arrival.current = previous.current === "starting" || previous.current === "choosing" ? "started" : previous.current === "paused" ? "returned" : "resumed";
    }
    if (stage === "choosing" && ["playing", "paused", "ended"].includes(previous.current)) focusModes.current = true;
    previous.current = stage;
  }
  useEffect(() => {
    if (stage !== "choosing" || !focusModes.current) return;
    focusModes.current = false;
    document.getElementById(MODE_HEADING_ID)?.focus();
  }, [stage]);

  const start = (mode: Mode, name: string) => {
    rememberIntroSeen();
    if (stage === "choosing") actorRef.send({ type: "session.start", mode, participant: name });
    else setQueued(mode);
  };

  const save: SaveStatusProps = {
    state: saveState,
    returnTo: `/play/${encodeURIComponent(scenario.id)}`,
    keptInBrowser: !storageRefused,
    onRetry: () => actorRef.send({ type: "save.retry" }),
  };

  const inSession = shown === "playing" || shown === "paused";
  // The modes are shown while choosing, and while loading unless a session is about to be resumed
  // or started: the server draws them, so a click can come before the page's script runs.
  const choosing = stage === "choosing" || stage === "starting" || (stage === "loading" && (!savedHint || queued !== null));
  const name = scenario.roles.counterpart.name;

  let body;
  if (choosing) {
    body = (
      <ModeChooser
        scenario={scenario}
        participant={participant}
        busy={stage === "starting" || queued !== null}
        notice={stage === "loading" ? null : notice}
        error={stage === "loading" ? null : startError}
        onStart={start}
      >
        {showIntro && <HowItWorksCard name={name} onDismiss={() => setShowIntro(false)} />}
      </ModeChooser>
    );
  } else if (shown === "loading") {
    body = <p role="status">Loading your session…</p>;
  } else if (shown === "paused") {
    body = <Paused onResume={() => actorRef.send({ type: "session.resume" })} />;
  } else if (shown === "ended") {
    const debrief = <Debrief actorRef={actorRef} scenario={scenario} reachableEndings={reachableEndings} />;
    body = (
      <>
        <SaveStatus {...save} className="mb-3" />
        {endedFirst ? debrief : <Suspense fallback={<p role="status">Preparing the debrief…</p>}>{debrief}</Suspense>}
      </>
    );
  } else {
    body = (
      <Conversation key="conversation" actorRef={actorRef} scenario={scenario} longest={longest} save={save} arrival={arrival.current}>
        {storageRefused && (
          <Notice tone="warning" role="alert">
            This browser is not letting the session be saved, so a reload would lose it. You can still play on.
          </Notice>
        )}
      </Conversation>
    );
  }

  const narrow = choosing || shown === "paused";
  // The page is wide (`data-wide`) in every stage, so the header and the main column never jump
  // when the saved session is found or the debrief's code arrives; this column sets the width.
  return (
    <div data-wide="" className={`mx-auto ${choosing && showIntro ? "max-w-5xl" : narrow ? "max-w-3xl" : shown === "ended" ? "" : "max-w-6xl"}`}>
      <header className="mb-6 flex items-start gap-3 sm:gap-4">
        <Portrait name={name} size="lg" className="max-sm:h-12 max-sm:w-12 max-sm:text-base" />
        <div className="min-w-0 flex-1 space-y-1">
          <h1 className="text-xl font-semibold leading-tight sm:text-2xl">{scenario.title}</h1>
          <p className="text-stone-700">
            With <strong className="font-semibold text-stone-900">{name}</strong>
            <span className="text-stone-600"> · you are the {scenario.roles.trainee.toLowerCase()}</span>
          </p>
          {scenario.roles.counterpart.description && (
            <p className={`max-w-prose text-sm leading-relaxed text-stone-600 ${inSession ? "hidden lg:block" : ""}`}>
              {scenario.roles.counterpart.description}
            </p>
          )}
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 pt-1">
            {!(choosing && showIntro) && <HowItWorksButton name={name} />}
            {inSession && (
              <Button variant="quiet" className="text-sm" aria-haspopup="dialog" onClick={() => setConfirming(true)}>
                Start over
              </Button>
            )}
          </div>
        </div>
      </header>
      {body}
      <Dialog
        open={confirming && inSession}
        title="Start over?"
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          actorRef.send({ type: "session.restart" });
        }}
        confirmLabel="Yes, start over"
        cancelLabel="Keep playing"
      >
        <p>
          {turnsTaken > 0
            ? `The ${plural(turnsTaken, "turn")} you have played so far will be set aside, and you begin again from ${name}'s first line.`
            : `You begin again from ${name}'s first line.`}
        </p>
        <p className="text-sm text-stone-700">A supervisor sees this session as abandoned. It cannot be brought back.</p>
      </Dialog>
    </div>
  );
}

function Paused({ onResume }: { onResume: () => void }) {
  return (
    <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" role="region" aria-labelledby="paused-heading">
      <h2 id="paused-heading" className="text-xl font-semibold">
        Paused
      </h2>
      <p>Take the time you need. Nothing counts against you while paused, and your place is saved in this browser.</p>
      <div className="flex flex-wrap gap-3">
        <Button variant="primary" autoFocus onClick={onResume}>
          Resume
        </Button>
        <ButtonLink variant="secondary" href="/">
          Leave for now
        </ButtonLink>
      </div>
    </div>
  );
}

function Debrief({ actorRef, scenario, reachableEndings }: { actorRef: PlayLifecycleActor; scenario: Scenario; reachableEndings: readonly string[] | undefined }) {
  const conversation = useSelector(actorRef, (s) => s.context.session?.conversation);
  const serverId = useSelector(actorRef, (s) => s.context.session?.serverId);
  const seed = useSelector(actorRef, (s) => s.context.session?.seed);
  const replay = useMemo(() => (conversation ? transcriptOf(scenario, conversationSnapshot(scenario, conversation)) : null), [scenario, conversation]);
  if (!replay) return null;
  return (
    <DebriefView
      scenario={scenario}
      replay={replay}
      {...(serverId !== undefined && { sessionId: serverId })}
      {...(seed !== undefined && { seed })}
      {...(reachableEndings && { reachableEndings })}
      onPlayAgain={() => actorRef.send({ type: "session.restart" })}
    />
  );
}
