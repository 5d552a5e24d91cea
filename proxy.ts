/**
 * Gives every page a Content Security Policy with a nonce of its own (server/security-headers.mjs).
 * The policy goes on the request too: Next.js finds the nonce in it while rendering and writes
 * its scripts with it. Pages are rendered per request (nothing is prerendered), so each gets its own.
 *
 * Runs for pages only: never for the API (the session routes answer hundreds of requests a
 * second, and their fixed headers come from next.config.js) nor for static files. Next.js runs
 * the proxy before the rewrites of next.config.js, so a page path rewritten to the not-found page
 * gets its policy here all the same.
 */
import { NextResponse, type NextRequest } from "next/server";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, SECURITY_HEADERS } from "./server/security-headers.mjs";

/** 128 random bits, base64. */
function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function proxy(request: NextRequest): NextResponse {
  // A page path with a trailing slash is sent, for good, to the path without it. Here rather than
  // in next.config.js's redirects, which Next.js answers without the headers every answer carries.
  const { pathname } = request.nextUrl;
  if (pathname.length > 1 && pathname.endsWith("/")) {
    // (A plain URL: Next.js's own keeps a trailing slash the request had.) Next.js sends a redirect
    // to the request's own host as a path.
    const url = new URL((pathname.replace(/\/+$/, "") || "/") + request.nextUrl.search, request.url);
    const redirect = NextResponse.redirect(url, 308);
    for (const { key, value } of SECURITY_HEADERS) redirect.headers.set(key, value);
    redirect.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    return redirect;
  }
  const policy = pageContentSecurityPolicy(newNonce(), {
    development: process.env.NODE_ENV === "development",
    // The studio's code editor sets style attributes (see server/security-headers.mjs).
    styleAttributes: request.nextUrl.pathname === "/studio" || request.nextUrl.pathname.startsWith("/studio/"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but `/api` and what is under it, and Next.js's static files and images.
      source: "/((?!api/|api$|_next/static/|_next/image|favicon\\.ico$).*)",
      // Prefetches of linked pages are not pages a browser shows: their payload runs no script of its own.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
