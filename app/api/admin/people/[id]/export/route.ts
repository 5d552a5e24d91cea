import { handle } from "../../../../../../server/http";
import { methodsNotAllowed } from "../../../../../../server/methods-not-allowed";
import { getStore } from "../../../../../../server/open-store";
import { exportPerson } from "../../../../../../server/people";
import { checkRecordId, requireAdmin } from "../../../../../../server/require-admin";

export const dynamic = "force-dynamic";

/** The file name for a person's export: their name in lowercase letters, digits and dashes, or their id when that leaves nothing. */
function fileName(name: string, id: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `peer-practice-${slug || id}.json`;
}

/** Everything stored about the person, as a JSON download (the export itself is written to the audit log). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireAdmin(request, "export personal data");
    const id = checkRecordId((await params).id, "account");
    const { db } = await (await getStore()).database();
    const data = await exportPerson(db, actor, id);
    const account = data.account as { name: string };
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName(account.name, id)}"`,
        "cache-control": "no-store",
      },
    });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed("GET");
