import type { NewPersonAnswer } from "../../../../contracts/people-answers";
import { newPersonRequestSchema } from "../../../../contracts/people-requests";
import { getAuthFor } from "../../../../server/auth";
import { handle, json, readBody, refuseCrossSite, requestOrigin } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";
import { getStore } from "../../../../server/open-store";
import { createPerson } from "../../../../server/people";
import { requireAdmin } from "../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** Makes an account with no password (optionally in a cohort), answering the one-time link that sets it. */
export async function POST(request: Request) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "make accounts");
    const body = await readBody(request, newPersonRequestSchema);
    const { db } = await (await getStore()).database();
    const made = await createPerson(await getAuthFor(request.headers), db, actor, body, requestOrigin(request));
    return json(made satisfies NewPersonAnswer, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
