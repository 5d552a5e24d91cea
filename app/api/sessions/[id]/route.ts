import { checkSessionId, handle, json } from "../../../../server/http";
import { getStore } from "../../../../server/open-store";
import { getSessionDetail } from "../../../../server/session-service";
import { methodsNotAllowed } from "../../../../server/methods-not-allowed";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** A session with its scenario version, choices, comments and the server's replay of them. */
export async function GET(_request: Request, { params }: Ctx) {
  return handle(async () => {
    const d = await getSessionDetail(await getStore(), checkSessionId((await params).id));
    return json({
      session: d.session,
      scenario: d.scenario,
      choices: d.choices,
      comments: d.comments,
      transcript: {
        /** Why the replay stops short of the stored choices; null when it covers them all. */
        notice: d.damage,
        done: d.replay.done,
        ending: d.replay.ending ?? null,
        meters: d.replay.meters,
        turns: d.replay.turns.map((t) => ({
          turn: t.index + 1,
          nodeId: t.nodeId,
          choiceId: t.choice.id,
          kind: t.kind,
          deltas: t.deltas,
          before: t.before,
          after: t.after,
        })),
      },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
