import type { AssignmentAnswer } from "../../../contracts/people-answers";
import { assignmentRequestSchema } from "../../../contracts/people-requests";
import { requireAccount } from "../../../server/accounts";
import { createAssignment } from "../../../server/cohorts";
import { handle, json, readBody, refuseCrossSite } from "../../../server/http";
import { methodsNotAllowed } from "../../../server/methods-not-allowed";
import { getStore } from "../../../server/open-store";

export const dynamic = "force-dynamic";

/**
 * Assigns a scenario to a cohort: administrators to any cohort, supervisors and trainers to their
 * own. A cohort the account may not assign to is answered 404 like one that does not exist.
 */
export async function POST(request: Request) {
  return handle(async () => {
    refuseCrossSite(request);
    const account = await requireAccount(request);
    const body = await readBody(request, assignmentRequestSchema);
    const { db } = await (await getStore()).database();
    const assignment = await createAssignment(db, account, body);
    return json({ assignment } satisfies AssignmentAnswer, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
