/**
 * A small closed-loop load driver for the session API: `connections` workers, each on its own
 * keep-alive socket and signed in (its sign-in cookie on every request), each playing sessions
 * one after another — POST /api/sessions, then the choices of a scenario path in order (seq 1,
 * 2, …), then a new session. Only the choice requests are measured: each one's latency (request
 * written to response fully read), every status. Requests started during the warm-up are not
 * counted; no request starts after the measured time.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface ScenarioPath {
  scenarioId: string;
  choiceIds: string[];
}

export interface LoadOptions {
  base: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  paths: ScenarioPath[];
  /** Sign-in cookies (`cookie` header values): worker w sends cookies[w % cookies.length]. */
  cookies: string[];
  /** Per-request limit; a request over it is aborted and counted as an error. */
  requestTimeoutMs?: number;
  /** Called when the warm-up ends and the measured time starts. */
  onMeasureStart?: () => void;
}

export interface LoadResult {
  /** Choice requests started in the measured time (each answered or failed). */
  choices: number;
  /** From the start of the measured time to the last of those requests finishing. */
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Choice requests answered with anything but 201, or not answered. */
  errors: number;
  /** Count per status ("201", "409", "ECONNRESET", "timeout", …) of the measured choice requests. */
  statuses: Record<string, number>;
  /** The first few error answers, for the report. */
  samples: string[];
  /** Sessions started during the measured time, and starts that failed (any time). */
  sessionsStarted: number;
  sessionErrors: number;
  /** Sessions whose whole path was played during the measured time. */
  sessionsFinished: number;
}

export interface Answer {
  status: string;
  body: string;
  /** The answer's Set-Cookie headers. */
  setCookie: string[];
}

/** A JSON POST (content-type application/json, no Origin: a same-site request), with a sign-in cookie when given. */
function post(agent: http.Agent, base: string, path: string, body: unknown, timeoutMs: number, cookie?: string): Promise<Answer> {
  const payload = JSON.stringify(body);
  const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve) => {
    const req = http.request(
      base + path,
      { method: "POST", agent, headers, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: String(res.statusCode), body: Buffer.concat(chunks).toString("utf8"), setCookie: res.headers["set-cookie"] ?? [] }));
        res.on("error", (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? "error", body: e.message, setCookie: [] }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("request timed out"), { code: "timeout" })));
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? "error", body: e.message, setCookie: [] }));
    req.end(payload);
  });
}

/** One POST with its own connection, for set-up outside the measured load. */
export function postJson(base: string, path: string, body: unknown, timeoutMs: number, cookie?: string): Promise<Answer> {
  const agent = new http.Agent({ keepAlive: false });
  return post(agent, base, path, body, timeoutMs, cookie).finally(() => agent.destroy());
}

/** The sign-in cookie's name (better-auth's session token under the app's cookie prefix; `__Secure-` only over HTTPS). */
export const SESSION_COOKIE = "peer-practice.session_token";

/** The `cookie` header a browser would send back after these Set-Cookie headers (name=value of each one still set). */
export function cookieHeader(setCookie: readonly string[]): string {
  return setCookie
    .map((c) => c.split(";")[0]!.trim())
    .filter((pair) => pair.includes("=") && !pair.endsWith("="))
    .join("; ");
}

/** Signs in over HTTP (POST /api/auth/sign-in/email); the `cookie` header value to send from then on. */
export async function signIn(base: string, email: string, password: string, timeoutMs = 30_000): Promise<string> {
  const a = await postJson(base, "/api/auth/sign-in/email", { email, password }, timeoutMs);
  const cookie = cookieHeader(a.setCookie);
  if (a.status !== "200" || !cookie.includes(`${SESSION_COOKIE}=`)) {
    throw new Error(`sign-in of ${email} answered ${a.status}${cookie.includes(`${SESSION_COOKIE}=`) ? "" : ` with no ${SESSION_COOKIE} cookie`}: ${a.body.slice(0, 200)}`);
  }
  return cookie;
}

/** The p-th percentile (0–1) of ascending values: the smallest value with at least p of them at or below it. */
export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN);

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const timeoutMs = o.requestTimeoutMs ?? 10_000;
  const t0 = performance.now();
  const measureStart = t0 + o.warmupMs;
  const stopAt = measureStart + o.durationMs;
  let measureStarted = false;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let lastEnd = measureStart;
  let sessionsStarted = 0;
  let sessionErrors = 0;
  let sessionsFinished = 0;
  let errors = 0;

  const note = (a: Answer, what: string) => {
    if (samples.length < 5) samples.push(`${what} → ${a.status} ${a.body.slice(0, 160)}`);
  };

  const timer = setTimeout(() => {
    measureStarted = true;
    o.onMeasureStart?.();
  }, o.warmupMs);

  if (o.cookies.length === 0) throw new Error("runLoad: no sign-in cookie (every session request needs a signed-in account)");

  async function worker(w: number) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const cookie = o.cookies[w % o.cookies.length]!;
    try {
      for (let round = 0; performance.now() < stopAt; round++) {
        const p = o.paths[(w + round * o.connections) % o.paths.length]!;
        const started = await post(
          agent,
          o.base,
          "/api/sessions",
          { scenarioId: p.scenarioId, mode: (w + round) % 2 ? "assessment" : "practice" },
          timeoutMs,
          cookie,
        );
        if (performance.now() >= measureStart) sessionsStarted++;
        if (started.status !== "201") {
          sessionErrors++;
          note(started, "POST /api/sessions");
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const id = (JSON.parse(started.body) as { session: { id: string } }).session.id;
        const sessionMeasured = performance.now() >= measureStart;
        let complete = true;
        for (let i = 0; i < p.choiceIds.length; i++) {
          const begin = performance.now();
          if (begin >= stopAt) {
            complete = false;
            break;
          }
          const a = await post(agent, o.base, `/api/sessions/${id}/choices`, { seq: i + 1, choiceId: p.choiceIds[i], timeTakenMs: 1_000 + ((w * 7919 + i * 104_729) % 20_000) }, timeoutMs, cookie);
          const end = performance.now();
          const counted = begin >= measureStart;
          if (counted) {
            latencies.push(end - begin);
            statuses[a.status] = (statuses[a.status] ?? 0) + 1;
            if (end > lastEnd) lastEnd = end;
          }
          if (a.status !== "201") {
            if (counted) {
              errors++;
              note(a, `POST /api/sessions/${id}/choices seq ${i + 1}`);
            }
            complete = false;
            break; // The session's state is unknown now: start another.
          }
        }
        if (complete && sessionMeasured) sessionsFinished++;
      }
    } finally {
      agent.destroy();
    }
  }

  try {
    await Promise.all(Array.from({ length: o.connections }, (_, w) => worker(w)));
  } finally {
    clearTimeout(timer);
  }
  if (!measureStarted) o.onMeasureStart?.();
  const sorted = latencies.sort((a, b) => a - b);
  const seconds = (lastEnd - measureStart) / 1_000;
  return {
    choices: sorted.length,
    seconds,
    perSecond: seconds > 0 ? sorted.length / seconds : 0,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN,
    errors,
    statuses,
    samples,
    sessionsStarted,
    sessionErrors,
    sessionsFinished,
  };
}

/** GETs a page `runs` times in a row after `warmups` untimed ones, on one keep-alive socket, with a sign-in cookie when given. */
export async function timePage(
  base: string,
  path: string,
  runs: number,
  { warmups = 1, cookie }: { warmups?: number; cookie?: string } = {},
): Promise<{ times: number[]; median: number; status: string; bytes: number; body: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers: http.OutgoingHttpHeaders = cookie ? { cookie } : {};
  type Got = { status: string; body: string; ms: number };
  const get = (): Promise<Got> =>
    new Promise((resolve) => {
      const begin = performance.now();
      const req = http.get(base + path, { agent, headers, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: String(res.statusCode), body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - begin }));
        res.on("error", (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? "error", body: e.message, ms: performance.now() - begin }));
      });
      req.on("timeout", () => req.destroy(Object.assign(new Error("request timed out"), { code: "timeout" })));
      req.on("error", (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? "error", body: e.message, ms: performance.now() - begin }));
    });
  try {
    let last: Got = { status: "none", body: "", ms: NaN };
    let bad: string | undefined;
    for (let i = 0; i < warmups; i++) {
      last = await get();
      if (last.status !== "200") bad ??= last.status;
    }
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      last = await get();
      times.push(last.ms);
      if (last.status !== "200") bad ??= last.status;
    }
    const status = bad ?? "200";
    const sorted = [...times].sort((a, b) => a - b);
    return { times, median: sorted[Math.floor(sorted.length / 2)]!, status, bytes: Buffer.byteLength(last.body), body: last.body };
  } finally {
    agent.destroy();
  }
}
