/** JSON for an HTML comment: inside strings, `<>[]` are escaped so no `-->` or link can appear. */
function safeJson(value: unknown): string {
  const json = JSON.stringify(value);
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charAt(i);
    if (inString && c === "\\") {
      out += c + json.charAt(++i);
      continue;
    }
    if (c === '"') inString = !inString;
    out += inString && "<>[]".includes(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
  }
  return out;
}

/** A `<!-- peer-practice {...} -->` comment carrying what Twine has no place for; `readBody` reads it back. */
export const peerComment = (value: unknown): string => `<!-- peer-practice ${safeJson(value)} -->`;
