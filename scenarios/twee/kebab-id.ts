/** A kebab-case id from a passage name, as the scenario format requires; `fallback` when nothing is left. */
export function kebabId(name: string, fallback: string): string {
  const id = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 64)
    .replace(/-$/, "");
  return id || fallback;
}

/** `base`, or `base-2`, `base-3`… if taken, kept within 64 characters; records the id as used. */
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base.slice(0, 64 - `-${n}`.length).replace(/-$/, "")}-${n}`;
  used.add(id);
  return id;
}
