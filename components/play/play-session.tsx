"use client";

import { useActorRef } from "@xstate/react";
import type { Scenario } from "../../scenarios/types";
import { browserLifecycle } from "./browser-lifecycle";
import { PlayView } from "./play-view";

/** One trainee's session with a scenario: the lifecycle machine, wired to this browser, and its view. */
export function PlaySession({ scenario, hash, participant }: { scenario: Scenario; hash: string; participant: string }) {
  const actorRef = useActorRef(browserLifecycle, { input: { scenario, hash, participant } });
  return <PlayView actorRef={actorRef} scenario={scenario} />;
}
