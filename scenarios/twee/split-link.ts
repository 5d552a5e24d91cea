/** Splits a link's inside per Twine: rightmost `->`, else leftmost `<-`, else `|`. */
export function splitLink(inner: string): { text: string; textAt: number; target: string; setter?: string } {
  const setterAt = inner.indexOf("][");
  const body = setterAt >= 0 ? inner.slice(0, setterAt) : inner;
  let text = body;
  let textAt = 0;
  let target = body;
  const arrow = body.lastIndexOf("->");
  const back = body.indexOf("<-");
  const pipe = body.indexOf("|");
  if (arrow >= 0) [text, target] = [body.slice(0, arrow), body.slice(arrow + 2)];
  else if (back >= 0) [target, text, textAt] = [body.slice(0, back), body.slice(back + 2), back + 2];
  else if (pipe >= 0) [text, target] = [body.slice(0, pipe), body.slice(pipe + 1)];
  return {
    text: text.trim(),
    textAt: textAt + text.length - text.trimStart().length,
    target: target.trim(),
    ...(setterAt >= 0 && { setter: inner.slice(setterAt + 2) }),
  };
}
