import { apiFallback } from "../../../server/api-fallback";

export const dynamic = "force-dynamic";

/** Every path under /api that is no API route is rewritten here (see server/path-rewrites.mjs). */
export { apiFallback as GET, apiFallback as HEAD, apiFallback as POST, apiFallback as PUT, apiFallback as PATCH, apiFallback as DELETE, apiFallback as OPTIONS };
