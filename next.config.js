import { pathRewrites } from "./server/path-rewrites.mjs";
import { securityHeaders } from "./server/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Next.js's own trailing-slash redirect runs before any rewrite, so `/api/sessions/..` (which
  // URL parsing makes `/api/`) was answered with a redirect. API paths with a trailing slash are
  // answered as unknown paths instead; pages keep the redirect (proxy.ts makes it, with the headers).
  skipTrailingSlashRedirect: true,
  // The security headers of every answer (pages get their Content Security Policy from proxy.ts).
  async headers() {
    return securityHeaders();
  },
  async rewrites() {
    return pathRewrites();
  },
};

export default nextConfig;
