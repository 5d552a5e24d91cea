/**
 * The text a new draft starts from: a short scenario that checks with no errors or warnings (two
 * turns, a branch on rapport, one ending per outcome), to be rewritten rather than read.
 */
export function draftTemplate(scenarioId: string): string {
  return `format: 1
id: ${scenarioId}
title: "A first conversation"
summary: "Sam has just arrived for a first meeting and is not sure why they came. Write what happens next."
skills: [listening]
roles:
  trainee: Peer specialist
  counterpart:
    name: Sam
    description: "Came because a friend said it might help."
meters: { rapport: 50, mutuality: 50 }
start: hello

nodes:
  hello:
    say: "(Sam sits on the edge of the chair.) I don't really know what I'm supposed to say here."
    choices:
      - id: no-right-thing
        say: "There's no right thing to say. What made you come today?"
        kind: open-question
        feedback: "An open question that takes the pressure off. Sam decides where to start."
        next: what-brought-you
      - id: you-will-like-it
        say: "Don't worry, everybody feels that way at first. You'll like it here."
        kind: reassuring
        feedback: "Kind, but it moves past how Sam feels right now instead of staying with it."
        next: what-brought-you

  what-brought-you:
    say: "My friend said talking to someone who's been there might help. I guess I'm tired of feeling stuck."
    choices:
      - id: tired-of-stuck
        say: "Tired of feeling stuck, and hoping this might be different."
        kind: listening-to
        reflection: simple
        feedback: "You gave Sam's words back without adding your own. Sam hears that you were listening."
        next: how-it-ends
      - id: try-a-routine
        say: "What helped me was a morning routine. You should try that."
        kind: advising
        feedback: "Your way, offered as the way. A piece of your story is worth more as a story than as a plan for Sam."
        next: how-it-ends

  how-it-ends:
    branch:
      - when: { rapport: ">= 65" }
        next: sam-stays
      - when: { rapport: ">= 45" }
        next: sam-is-polite
      - next: sam-leaves

  sam-stays:
    say: "(Sam leans back.) Yeah. Can I come back next week?"
    end:
      outcome: connected
      debrief: "Sam set the pace and felt heard, and chose to come back."

  sam-is-polite:
    say: "Okay. Thanks, I guess. (Sam glances at the door.)"
    end:
      outcome: mixed
      debrief: "Sam stayed polite, but the conversation was more yours than theirs."

  sam-leaves:
    say: "I don't think this is for me. (Sam picks up their bag.)"
    end:
      outcome: disengaged
      debrief: "Sam left feeling told rather than heard."
`;
}
