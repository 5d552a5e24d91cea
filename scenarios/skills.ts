/**
 * The skill vocabulary: the skills a scenario's `skills` list names, each with the label the
 * library shows and one line on what it means, grouped into a few families the library filters by.
 *
 * A scenario may name a skill this list does not know (format 1 files stay readable); the checker
 * warns about it (`skill-unknown`), and the library shows it under no family. A few other spellings
 * of a known skill (`aliases`) are understood as that skill, so older files keep their meaning.
 */

export interface SkillFamily {
  /** Kebab-case, as it appears in the library's address (`/?family=listening`). */
  id: string;
  label: string;
  /** One line on what the family covers. */
  description: string;
}

export interface Skill {
  /** Kebab-case, as a scenario file names it. */
  id: string;
  label: string;
  /** One line on what practising it means. */
  description: string;
  /** The id of its family. */
  family: string;
  /** Other ids that mean the same skill. */
  aliases?: readonly string[];
}

/** The families, in the order the library offers them. */
export const SKILL_FAMILIES: readonly SkillFamily[] = [
  { id: "listening", label: "Listening", description: "Hearing the person out and showing them they were heard." },
  { id: "connection", label: "Connection", description: "Building trust and a relationship that goes both ways." },
  { id: "power-and-mutuality", label: "Power and mutuality", description: "Sharing power, deciding together and staying a peer under pressure." },
  { id: "safety-and-boundaries", label: "Safety and boundaries", description: "Crisis, honesty about limits, and where the lines of the role are." },
  { id: "recovery-and-culture", label: "Recovery and culture", description: "Each person's own path, worldview, culture and strengths." },
  { id: "supervision", label: "Supervision", description: "Supporting and supervising other peer workers." },
];

/** Every known skill, by family in the families' order. */
export const SKILLS: readonly Skill[] = [
  {
    id: "active-listening",
    label: "Active listening",
    description: "Giving full attention and letting the person know, in your own words, what you heard.",
    family: "listening",
    aliases: ["listening"],
  },
  {
    id: "reflections",
    label: "Reflections",
    description: "Saying back what was said, simply or with the meaning and feeling underneath.",
    family: "listening",
  },
  {
    id: "open-questions",
    label: "Open questions",
    description: "Questions that let the person decide what to say and where to take it.",
    family: "listening",
  },
  {
    id: "listening-to",
    label: "Listening to",
    description: "One of the four parts of connection in Intentional Peer Support: hearing the story the way the person tells it.",
    family: "listening",
  },
  {
    id: "connection",
    label: "Connection",
    description: "The first task of Intentional Peer Support: a relationship in which both people feel met.",
    family: "connection",
  },
  {
    id: "rapport",
    label: "Rapport",
    description: "Trust and ease between you, built or lost one response at a time.",
    family: "connection",
  },
  {
    id: "being-with",
    label: "Being with",
    description: "Staying present with someone without needing to fix or watch over them.",
    family: "connection",
  },
  {
    id: "doing-with",
    label: "Doing with",
    description: "Taking a step together rather than doing it for the person or telling them to.",
    family: "connection",
  },
  {
    id: "sharing-with",
    label: "Sharing with",
    description: "Offering something of yourself that makes the conversation go both ways.",
    family: "connection",
  },
  {
    id: "inviting-atmosphere",
    label: "An inviting place",
    description: "Keeping a space welcoming to everyone: greeting newcomers, and not talking about people behind their backs.",
    family: "connection",
    aliases: ["welcoming", "no-gossip"],
  },
  {
    id: "follow-up",
    label: "Follow-up and honest promises",
    description: "Coming back when you said you would, and promising only what you can do.",
    family: "connection",
    aliases: ["keeping-promises", "not-overpromising"],
  },
  {
    id: "mutuality",
    label: "Mutuality",
    description: "A relationship in which both people learn and neither is only the helper.",
    family: "power-and-mutuality",
  },
  {
    id: "shared-power",
    label: "Shared power",
    description: "Noticing the power in the room and deciding with the person, not for them.",
    family: "power-and-mutuality",
    aliases: ["power-dynamics"],
  },
  {
    id: "collaborating",
    label: "Collaborating",
    description: "Working out the next step together, with the person's ideas first.",
    family: "power-and-mutuality",
  },
  {
    id: "compliance-pressure",
    label: "Compliance pressure",
    description: "Staying on the person's side when a program or a colleague wants them to comply.",
    family: "power-and-mutuality",
  },
  {
    id: "staying-peer",
    label: "Staying a peer",
    description: "Offering your experience and company rather than a professional's verdict.",
    family: "power-and-mutuality",
  },
  {
    id: "advice-giving",
    label: "Holding back advice",
    description: "Noticing the urge to tell someone what to do, and helping them find their own answer.",
    family: "power-and-mutuality",
  },
  {
    id: "crisis-and-safety",
    label: "Crisis and safety",
    description: "Asking directly about suicide, staying with the person, and deciding together who else to involve.",
    family: "safety-and-boundaries",
  },
  {
    id: "transparency",
    label: "Transparency",
    description: "Saying plainly what you will do, what you cannot keep private, and why.",
    family: "safety-and-boundaries",
  },
  {
    id: "boundaries",
    label: "Boundaries",
    description: "Friend requests, loans and shared meetings: holding the lines of the role warmly and openly.",
    family: "safety-and-boundaries",
  },
  {
    id: "self-disclosure",
    label: "Self-disclosure with purpose",
    description: "Deciding whether, what and why to share of your own story, so that it serves the other person.",
    family: "safety-and-boundaries",
  },
  {
    id: "worldview",
    label: "Worldview",
    description: "The second task of Intentional Peer Support: getting curious about how someone has come to know what they know.",
    family: "recovery-and-culture",
  },
  {
    id: "cultural-humility",
    label: "Cultural humility",
    description: "Asking rather than assuming about faith, family and language, and owning a misstep.",
    family: "recovery-and-culture",
  },
  {
    id: "harm-reduction",
    label: "Harm reduction",
    description: "Meeting a return to use without judgement, and offering safety information with permission.",
    family: "recovery-and-culture",
  },
  {
    id: "strengths",
    label: "Strengths",
    description: "Noticing and naming what the person can do and has already done.",
    family: "recovery-and-culture",
  },
  {
    id: "supervision",
    label: "Supervising peers",
    description: "Supporting a peer worker to reflect on their practice without taking it over.",
    family: "supervision",
  },
  {
    id: "role-clarity",
    label: "Role clarity",
    description: "What the peer role is and is not beside clinical colleagues, and how to say so.",
    family: "supervision",
  },
];

const byId = new Map<string, Skill>();
for (const s of SKILLS) {
  byId.set(s.id, s);
  for (const a of s.aliases ?? []) byId.set(a, s);
}
const familyById = new Map(SKILL_FAMILIES.map((f) => [f.id, f]));

/** The known skill an id (or one of its aliases) names, or undefined. */
export function skillOf(id: string): Skill | undefined {
  return byId.get(id);
}

/** The family with this id, or undefined. */
export function familyOf(id: string): SkillFamily | undefined {
  return familyById.get(id);
}

/** "edge-cases" → "Edge cases": how an unknown skill is shown. */
export function humanize(id: string): string {
  const words = id.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a skill id: the vocabulary's, or the id in words when it is not known. */
export function skillLabel(id: string): string {
  return skillOf(id)?.label ?? humanize(id);
}

/**
 * A scenario's skills as the library shows them: each known skill once (an alias as the skill it
 * stands for), in the scenario's order, then unknown ones as written.
 */
export function resolveSkills(ids: readonly string[]): { id: string; label: string; family: string | null }[] {
  const seen = new Set<string>();
  const out: { id: string; label: string; family: string | null }[] = [];
  for (const id of ids) {
    const skill = skillOf(id);
    const key = skill?.id ?? id;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(skill ? { id: skill.id, label: skill.label, family: skill.family } : { id, label: humanize(id), family: null });
  }
  return out;
}

/** The families a scenario's skills belong to, in the families' order. */
export function familiesOf(ids: readonly string[]): string[] {
  const found = new Set(ids.map((id) => skillOf(id)?.family).filter((f): f is string => f !== undefined));
  return SKILL_FAMILIES.filter((f) => found.has(f.id)).map((f) => f.id);
}

/** Every id the checker accepts without a warning: the skills and their aliases. */
export const KNOWN_SKILL_IDS: readonly string[] = [...byId.keys()];

/** Edit distance between two short ids, for suggesting the skill a typo meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known skill an unknown id most likely meant: one that contains it or is contained in it
 * (`listening` → `active-listening`), else the closest by a few typed letters; undefined when
 * nothing is close.
 */
export function suggestSkill(id: string): Skill | undefined {
  let best: { skill: Skill; score: number } | undefined;
  for (const [known, skill] of byId) {
    const [short, long] = id.length < known.length ? [id, known] : [known, id];
    const score = short.length >= 4 && long.includes(short) ? 0.5 : distance(id, known);
    if (score <= Math.max(2, Math.floor(known.length / 3)) && (!best || score < best.score)) best = { skill, score };
  }
  return best?.skill;
}
