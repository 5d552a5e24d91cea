/** How the studio names a published version and when it was published. */

/** A version's short name: the first 12 digits of its hash, as the library shows it. */
export const shortHash = (hash: string) => hash.slice(0, 12);

/** A time as the studio shows it, in UTC so that the server and the browser write the same. */
export const studioTime = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
