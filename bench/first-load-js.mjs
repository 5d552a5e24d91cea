// First-load JavaScript of a page as a browser gets it: the scripts its HTML names (<script src>
// and script preloads), each fetched once and weighed gzip-compressed, and the inline scripts
// (the RSC payload) weighed apart. Shared by bench/page-weight.mjs and bench/studio.ts.
import { gzipSync } from "node:zlib";

/** The addresses of the scripts a page's HTML loads at first: `<script src>` and script preloads. */
export function scriptUrls(html) {
  const urls = new Set();
  for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="(?:preload|modulepreload)"[^>]*>/g)) {
    const tag = m[0];
    if (!/as="script"/.test(tag) && !/modulepreload/.test(tag)) continue;
    const href = /href="([^"]+)"/.exec(tag);
    if (href) urls.add(href[1]);
  }
  return [...urls];
}

/**
 * Weighs pages of the server at `base`, signed in with `cookie` when given. A script shared by
 * several pages is fetched once.
 */
export function firstLoad(base, cookie = "") {
  const scripts = new Map();
  /** One script's text and gzip size. */
  const script = (url) => {
    if (!scripts.has(url)) {
      scripts.set(
        url,
        fetch(new URL(url, base)).then(async (res) => {
          if (!res.ok) throw new Error(`first-load: ${url} answered ${res.status}`);
          const body = Buffer.from(await res.arrayBuffer());
          return { text: body.toString("utf8"), gzip: gzipSync(body).length };
        }),
      );
    }
    return scripts.get(url);
  };
  /** A page's first-load scripts and their gzip total, and its inline scripts' gzip size. */
  const weigh = async (route) => {
    // A redirect (to sign in) would weigh another page: the status says so instead.
    const res = await fetch(new URL(route, base), { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const html = await res.text();
    // Inline scripts (the RSC payload) are part of what the page ships too.
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
    const urls = scriptUrls(html);
    let files = 0;
    for (const u of urls) files += (await script(u)).gzip;
    return { status: res.status, files, inline: gzipSync(Buffer.from(inline)).length, scripts: urls };
  };
  return { weigh, script };
}
