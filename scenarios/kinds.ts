/** The twelve response kinds a choice can have, with their default deltas and why each helps or hurts. */

export const RESPONSE_KIND_IDS = [
  "listening-to",
  "open-question",
  "closed-question",
  "validating",
  "sharing-with",
  "oversharing",
  "doing-with",
  "collaborating",
  "advising",
  "dominating",
  "judging",
  "reassuring",
] as const;

export type ResponseKindId = (typeof RESPONSE_KIND_IDS)[number];

/** How a kind tends to act on the relationship. */
export type KindEffect = "helpful" | "neutral" | "harmful";

export interface ResponseKind {
  /** The kebab-case id used in scenario files. */
  id: ResponseKindId;
  /** A short human label. */
  label: string;
  /** What the trainee does when responding this way. */
  does: string;
  /** Default rapport delta when a choice gives none. */
  rapport: number;
  /** Default mutuality delta when a choice gives none. */
  mutuality: number;
  effect: KindEffect;
  /** Why this kind helps or hurts, shown with the feedback. */
  why: string;
  /** The closest MITI 4.2.1 behaviour code, if any. */
  miti: string;
}

export const RESPONSE_KINDS: Record<ResponseKindId, ResponseKind> = {
  "listening-to": {
    id: "listening-to",
    label: "Listening to",
    does: "reflects content or feeling back",
    rapport: 10,
    mutuality: 5,
    effect: "helpful",
    why: "A reflection shows the person they were heard as they meant it, and leaves them in charge of where the conversation goes next.",
    miti: "Simple or complex reflection",
  },
  "open-question": {
    id: "open-question",
    label: "Open question",
    does: "asks a curious what/how question",
    rapport: 5,
    mutuality: 5,
    effect: "helpful",
    why: "A curious what or how question asks to learn rather than to assess, and invites the person to tell their story their way.",
    miti: "Question",
  },
  "closed-question": {
    id: "closed-question",
    label: "Closed question",
    does: "asks a yes/no or fact-finding question",
    rapport: 0,
    mutuality: 0,
    effect: "neutral",
    why: "A yes/no or fact-finding question gets an answer but little of the person; a string of them turns a conversation into an intake.",
    miti: "Question",
  },
  validating: {
    id: "validating",
    label: "Validating",
    does: "names a feeling or strength as real",
    rapport: 10,
    mutuality: 5,
    effect: "helpful",
    why: "Naming a feeling or a strength as real tells the person their experience makes sense, without needing to fix it.",
    miti: "Affirm, when specific",
  },
  "sharing-with": {
    id: "sharing-with",
    label: "Sharing with",
    does: "brief, relevant own experience, then focus goes back",
    rapport: 5,
    mutuality: 10,
    effect: "helpful",
    why: "A brief, relevant piece of your own story makes the relationship two-way, and handing the focus back keeps it about them.",
    miti: "Self-disclosure (not coded)",
  },
  oversharing: {
    id: "oversharing",
    label: "Oversharing",
    does: "own story takes the floor or pushes own path",
    rapport: -5,
    mutuality: -10,
    effect: "harmful",
    why: "When your story takes the floor or becomes the path to follow, the person has to listen to you, and their own way gets crowded out.",
    miti: "Persuade, when it pushes a path",
  },
  "doing-with": {
    id: "doing-with",
    label: "Doing with",
    does: "proposes doing something together, concrete follow-up",
    rapport: 5,
    mutuality: 10,
    effect: "helpful",
    why: "Doing something side by side, with a concrete next step, is connection in action rather than a referral or an instruction.",
    miti: "Seeking collaboration",
  },
  collaborating: {
    id: "collaborating",
    label: "Collaborating",
    does: "shares power: asks permission, hands the choice back",
    rapport: 5,
    mutuality: 10,
    effect: "helpful",
    why: "Asking permission and handing the decision back shares power, and treats the person as the expert on their own life.",
    miti: "Seeking collaboration, emphasizing autonomy",
  },
  advising: {
    id: "advising",
    label: "Advising",
    does: "unsolicited advice or solutions",
    rapport: -5,
    mutuality: -10,
    effect: "harmful",
    why: "Unasked-for advice puts you in the helper's seat and the person in the recipient's, even when the advice is good.",
    miti: "Persuade",
  },
  dominating: {
    id: "dominating",
    label: "Dominating",
    does: "takes over: agenda, rules, compliance, readiness gatekeeping",
    rapport: -10,
    mutuality: -10,
    effect: "harmful",
    why: "Taking over the agenda, or making support depend on compliance or 'readiness', rebuilds the power-over that peer support exists to undo.",
    miti: "Persuade; low Partnership",
  },
  judging: {
    id: "judging",
    label: "Judging",
    does: "criticizes, blames, focuses on weakness, gossips",
    rapport: -10,
    mutuality: -5,
    effect: "harmful",
    why: "Criticism, blame, a focus on weakness or gossip about others makes the space unsafe: the person learns what you might say about them.",
    miti: "Confront",
  },
  reassuring: {
    id: "reassuring",
    label: "Reassuring",
    does: "premature reassurance, cheerleading, brushing off",
    rapport: -5,
    mutuality: -5,
    effect: "harmful",
    why: "Quick reassurance or cheerleading brushes past what the person feels, and tells them it is not safe to stay with the hard part.",
    miti: "Not coded; lowers Empathy",
  },
};

/** True for kinds that count as questions in the reflection-to-question ratio when a choice says nothing else. */
export function isQuestionKind(kind: ResponseKindId): boolean {
  return kind === "open-question" || kind === "closed-question";
}

export type QuestionType = "open" | "closed";

/** The question a choice of this kind asks when it does not say: open for open-question, closed for closed-question, none for the rest. */
export function defaultQuestion(kind: ResponseKindId): QuestionType | undefined {
  return kind === "open-question" ? "open" : kind === "closed-question" ? "closed" : undefined;
}

/** The question a choice asks, counted in the reflection metrics: its own `question`, else its kind's. */
export function questionOf(choice: { kind: ResponseKindId; question?: QuestionType }): QuestionType | undefined {
  return choice.question ?? defaultQuestion(choice.kind);
}

/**
 * The order that decides the strongest option among choices with the same combined meter gain
 * and no `best: true`: a complex reflection first, then the other kinds from the deepest
 * listening to the most harmful. Lower ranks first.
 */
export const STRENGTH_ORDER = [
  "complex reflection",
  "listening-to",
  "validating",
  "collaborating",
  "doing-with",
  "sharing-with",
  "open-question",
  "closed-question",
  "reassuring",
  "advising",
  "oversharing",
  "judging",
  "dominating",
] as const;

/** A choice's place in `STRENGTH_ORDER`. */
export function strengthRank(choice: { kind: ResponseKindId; reflection?: "simple" | "complex" }): number {
  if (choice.kind === "listening-to" && choice.reflection === "complex") return 0;
  return STRENGTH_ORDER.indexOf(choice.kind);
}
