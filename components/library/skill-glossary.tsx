import { SKILL_FAMILIES, SKILLS } from "../../scenarios/skills";

/** What each skill means, by family, folded away under the list. */
export function SkillGlossary() {
  return (
    <details className="rounded-lg border border-stone-200 bg-white px-4 py-2">
      <summary className="cursor-pointer font-medium">What the skills mean</summary>
      <div className="mt-3 space-y-4 pb-2">
        {SKILL_FAMILIES.map((f) => (
          <section key={f.id} aria-labelledby={`glossary-${f.id}`}>
            <h3 id={`glossary-${f.id}`} className="font-semibold">
              {f.label}
            </h3>
            <p className="text-sm text-stone-700">{f.description}</p>
            <dl className="mt-1 space-y-1 text-sm">
              {SKILLS.filter((s) => s.family === f.id).map((s) => (
                <div key={s.id}>
                  <dt className="inline font-medium">{s.label}: </dt>
                  <dd className="inline text-stone-700">{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </details>
  );
}
