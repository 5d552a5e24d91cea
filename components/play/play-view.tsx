"use client";

import { useSelector } from "@xstate/react";
import dynamic from "next/dynamic";
import { useMemo } from "react";
import { conversationSnapshot } from "../../machines/conversation-state";
import { stageOf, type PlayLifecycleActor } from "../../machines/play-lifecycle";
import { transcriptOf } from "../../machines/replay";
import type { Scenario } from "../../scenarios/types";
import { Conversation } from "./conversation";
import { ModeChooser } from "./mode-chooser";
import { SaveStatus } from "./save-status";
import { Button, ButtonLink } from "../ui/button";
import { Notice } from "../ui/notice";

// The debrief is only needed at the end, so it is not part of the page's first load.
const DebriefView = dynamic(() => import("./debrief-view"), {
  loading: () => <p role="status">Preparing the debrief…</p>,
});

/** What the play page shows for each stage of the lifecycle; it renders and sends, nothing else. */
export function PlayView({ actorRef, scenario }: { actorRef: PlayLifecycleActor; scenario: Scenario }) {
  const stage = useSelector(actorRef, stageOf);
  const saveState = useSelector(actorRef, (s) => s.context.saveState);
  const storageRefused = useSelector(actorRef, (s) => s.context.storageRefused);

  if (stage === "loading") return <p role="status">Loading your session…</p>;
  if (stage === "choosing" || stage === "starting") return <Choosing actorRef={actorRef} scenario={scenario} busy={stage === "starting"} />;
  if (stage === "paused") return <Paused onResume={() => actorRef.send({ type: "session.resume" })} />;
  return (
    <>
      {saveState && (
        <SaveStatus
          state={saveState}
          returnTo={`/play/${encodeURIComponent(scenario.id)}`}
          keptInBrowser={!storageRefused}
          onRetry={() => actorRef.send({ type: "save.retry" })}
        />
      )}
      {stage === "ended" ? <Debrief actorRef={actorRef} scenario={scenario} /> : <Playing actorRef={actorRef} scenario={scenario} />}
    </>
  );
}

function Choosing({ actorRef, scenario, busy }: { actorRef: PlayLifecycleActor; scenario: Scenario; busy: boolean }) {
  const participant = useSelector(actorRef, (s) => s.context.participant);
  const notice = useSelector(actorRef, (s) => s.context.notice);
  const error = useSelector(actorRef, (s) => s.context.startError);
  return (
    <ModeChooser
      scenario={scenario}
      participant={participant}
      busy={busy}
      notice={notice}
      error={error}
      onStart={(mode, name) => actorRef.send({ type: "session.start", mode, participant: name })}
    />
  );
}

function Playing({ actorRef, scenario }: { actorRef: PlayLifecycleActor; scenario: Scenario }) {
  const storageRefused = useSelector(actorRef, (s) => s.context.storageRefused);
  return (
    <>
      {storageRefused && (
        <Notice tone="warning" role="alert" className="mb-3">
          This browser is not letting the session be saved, so a reload would lose it. You can still play on.
        </Notice>
      )}
      <Conversation actorRef={actorRef} scenario={scenario} />
    </>
  );
}

function Paused({ onResume }: { onResume: () => void }) {
  return (
    <div className="space-y-4 rounded-lg border border-stone-200 bg-white p-6" role="region" aria-labelledby="paused-heading">
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

function Debrief({ actorRef, scenario }: { actorRef: PlayLifecycleActor; scenario: Scenario }) {
  const conversation = useSelector(actorRef, (s) => s.context.session?.conversation);
  const replay = useMemo(() => (conversation ? transcriptOf(scenario, conversationSnapshot(scenario, conversation)) : null), [scenario, conversation]);
  if (!replay) return null;
  return <DebriefView scenario={scenario} replay={replay} onPlayAgain={() => actorRef.send({ type: "session.restart" })} />;
}
