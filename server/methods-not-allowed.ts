/** Handlers for the methods a route does not have: 405 with an Allow header and an `error` sentence, like every API answer. */
import { json } from "./http";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (request: Request) => Response;

const METHODS: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The handlers to export beside a route's own, e.g. `export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST")`.
 * Next.js answers a missing method with an empty 405 and no Allow header; HEAD follows GET.
 */
export function methodsNotAllowed<A extends Method>(...allowed: A[]): Record<Exclude<Method, A> | "OPTIONS", Handler> {
  const allow = [...allowed, ...(allowed.includes("GET" as A) ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
  const refuse: Handler = (request) => {
    const response = json({ error: `${request.method} is not allowed here; this route answers ${allowed.join(" and ")}` }, 405);
    response.headers.set("allow", allow);
    return response;
  };
  const handlers: Record<string, Handler> = { OPTIONS: () => new Response(null, { status: 204, headers: { allow } }) };
  for (const method of METHODS) if (!allowed.includes(method as A)) handlers[method] = refuse;
  return handlers as Record<Exclude<Method, A> | "OPTIONS", Handler>;
}
