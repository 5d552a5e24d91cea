import type { CohortAnswer } from "../../../../contracts/people-answers";
import { cohortRequestSchema } from "../../../../contracts/people-requests";
import { createCohort } from "../../../../server/cohorts";
import { handle, json, readBody, refuseCrossSite } from "../../../../server/http";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";
import { getStore } from "../../../../server/open-store";
import { requireAdmin } from "../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** Makes a cohort (409 when another has that name, whatever its case). */
export async function POST(request: Request) {
  return handle(async () => {
    refuseCrossSite(request);
    const actor = await requireAdmin(request, "make cohorts");
    const { name } = await readBody(request, cohortRequestSchema);
    const { db } = await (await getStore()).database();
    const cohort = await createCohort(db, actor, name);
    return json({ cohort } satisfies CohortAnswer, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("POST");
