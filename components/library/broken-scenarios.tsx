import Link from "next/link";
import type { LibraryEntry } from "../../scenarios/library-entry";
import { ProblemList } from "./problem-list";

type Broken = Extract<LibraryEntry, { ok: false }>;

/** Where a broken scenario can be worked on: a published one's version history, else the studio (import a fixed copy, or write it anew). */
const studioHref = (entry: Broken) => (entry.file.startsWith("published:") ? `/studio/scenarios/${encodeURIComponent(entry.id)}` : "/studio");

/**
 * The scenarios that cannot be played, with their problems: for trainers and administrators only,
 * who can fix them. Trainees never see them in the library.
 */
export function BrokenScenarios({ entries }: { entries: Broken[] }) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="broken-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <div>
        <h2 id="broken-heading" className="text-lg font-semibold">
          Not offered to trainees ({entries.length})
        </h2>
        <p className="text-sm text-stone-800">
          {entries.length === 1 ? "This scenario has" : "These scenarios have"} errors, so trainees do not see{" "}
          {entries.length === 1 ? "it" : "them"} in the library. Only trainers and administrators see this list. Check a file with{" "}
          <code className="rounded bg-white px-1">npm run scenarios -- check &lt;file&gt;</code>.
        </p>
      </div>
      <ul className="space-y-3">
        {entries.map((e) => (
          <li key={e.file} className="rounded border border-amber-200 bg-white p-3">
            <h3 className="font-semibold break-words">{e.id}: cannot be played</h3>
            <p className="text-sm text-stone-800">
              {e.file} has {e.problems.length === 1 ? "a problem" : `${e.problems.length} problems`} to fix:
            </p>
            <ProblemList file={e.file} problems={e.problems} />
            <p className="mt-2 text-sm">
              <Link href={studioHref(e)} className="text-brand-700 underline">
                {e.file.startsWith("published:") ? "Version history in the studio" : "Open the studio"}
                <span className="sr-only"> for {e.id}</span>
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
