/** 128 stable bits from a string: Twine needs an IFID unique per story, and export must be repeatable. */
export function ifidOf(id: string): string {
  const hex = [0x811c9dc5, 0x9747b28c, 0x01000193, 0x5bd1e995]
    .map((seed) => {
      let h = seed;
      for (const ch of `peer-practice:${id}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, "0");
    })
    .join("");
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const parts = [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, variant + hex.slice(17, 20), hex.slice(20)];
  return parts.join("-").toUpperCase();
}
