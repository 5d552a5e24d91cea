import { branchRuleToFile, choiceToFile } from "../serialize-scenario";
import type { ScenarioNode } from "../types";
import { linesOut, linkTextOut } from "./passage-text";
import { peerComment } from "./peer-comment";

/** One node as a Twee 3 passage at a story map position; links for choices, comments for the rest. */
export function writePassage(id: string, node: ScenarioNode, position: string): string {
  const header = (tags: string[]) =>
    `:: ${id}${tags.length > 0 ? ` [${tags.join(" ")}]` : ""} ${JSON.stringify({ position })}`;
  const join = (parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== "").join("\n\n");
  switch (node.type) {
    case "turn": {
      const lines = linesOut(node.say);
      const links = node.choices.map((choice, i) => {
        const extra = choiceToFile(choice, i);
        delete extra.say;
        delete extra.next;
        const link = linkTextOut(choice.say);
        return `[[${link.text}->${choice.next}]] ${peerComment(link.say === undefined ? extra : { ...extra, say: link.say })}`;
      });
      const own = { ...(lines.say && { say: lines.say }), ...(node.askRationale && { "ask-rationale": true }) };
      return `${header([])}\n${join([lines.text, Object.keys(own).length > 0 ? peerComment(own) : undefined, links.join("\n")])}`;
    }
    case "branch": {
      // Plain links only so that Twine's map draws the arrows; the comment is what import reads.
      const arrows = [...new Set(node.branch.map((b) => `[[${b.next}]]`))].join("\n");
      return `${header(["branch"])}\n${join([peerComment({ branch: node.branch.map(branchRuleToFile) }), arrows])}`;
    }
    case "ending": {
      const lines = linesOut(node.say);
      const end = { outcome: node.outcome, ...(node.debrief !== undefined && { debrief: node.debrief }) };
      const comment = peerComment(lines.say ? { end, say: lines.say } : { end });
      return `${header(["ending", `outcome-${node.outcome}`])}\n${join([lines.text, comment])}`;
    }
  }
}
