"use client";

import { useActorRef } from "@xstate/react";
import { useState } from "react";
import type { SavedSession } from "../../contracts/browser-storage";
import type { Scenario } from "../../scenarios/types";
import { browserLifecycle } from "./browser-lifecycle";
import { PlayView, type PlayViewProps } from "./play-view";

/**
 * One trainee's session with a scenario: the lifecycle machine, wired to this browser, and its
 * view. `askRationaleOn`: the turns on which the trainee's assignments ask for a note; `expected`
 * and the rest are what the view shows before the browser's storage has been read (see PlayView).
 */
export function PlaySession({
  scenario,
  hash,
  participant,
  owner,
  askRationaleOn = [],
  longest,
  reachableEndings,
  savedHint = false,
  introSeen = false,
  expected,
}: {
  scenario: Scenario;
  hash: string;
  participant: string;
  owner: string;
  askRationaleOn?: readonly string[];
  /** The session this browser keeps, as the server has it: drawn while the browser's storage is read (see PlayLifecycleInput). */
  expected?: SavedSession;
} & Pick<PlayViewProps, "longest" | "reachableEndings" | "savedHint" | "introSeen">) {
  const [machine] = useState(() => browserLifecycle(owner));
  const actorRef = useActorRef(machine, { input: { scenario, hash, participant, askRationaleOn, ...(expected && { expected }) } });
  return <PlayView actorRef={actorRef} scenario={scenario} longest={longest} {...(reachableEndings && { reachableEndings })} savedHint={savedHint} introSeen={introSeen} />;
}
