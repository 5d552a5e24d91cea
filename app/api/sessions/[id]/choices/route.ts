import { methodsNotAllowed } from "../../../../../server/methods-not-allowed";
import { postChoice } from "../../../../../server/session-routes";

export const dynamic = "force-dynamic";

/** Appends a choice; a retry of the same turn is answered 200 with what was stored (server/session-routes.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return postChoice(request, (await params).id);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
