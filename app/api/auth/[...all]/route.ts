import { getAuth, isHttps } from "../../../../server/auth";
import { handle, readText, refuseCrossSite } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

/** Sign-in, sign-out, the current account and password changes, answered by the authentication library. */
async function authRoute(request: Request): Promise<Response> {
  return handle(async () => {
    const auth = await getAuth({ secure: isHttps(request) });
    if (request.method !== "POST") return auth.handler(request);
    refuseCrossSite(request);
    // The body is read with the API's size limit before the library sees it.
    const body = await readText(request);
    return auth.handler(new Request(request.url, { method: "POST", headers: request.headers, body }));
  });
}

export const GET = authRoute;
export const POST = authRoute;

export const { PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET", "POST");
