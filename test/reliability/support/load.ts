import { randomUUID } from "node:crypto";

/** One simulated person: a name for messages, and their session cookie in hosted mode. */
export interface StudyUser {
  id: string;
  cookie?: string;
}

export interface LoadFigures {
  requests: number;
  byStatus: Record<string, number>;
  /** 500 and other 5xx except 503: never acceptable. */
  internalErrors: number;
  /** 503 answers: acceptable only while a fault is being injected. */
  unavailable: number;
  /** Connections refused or reset, requests timed out: the server was down. */
  networkErrors: number;
  /** 4xx to a request the simulation believes valid: a bug on one side or the other. */
  unexpected: { status: number; body: string }[];
  /** Reviews the server answered 200 for, by user and idempotency key. */
  acknowledged: Map<string, { userId: string; key: string; cardId: string }>;
  /** Deliberate resends of an acknowledged key, and how many came back as new reviews. */
  resends: number;
  resentAsNew: number;
  /** Keys given up on after every retry failed (none should be, unless the server stays down). */
  givenUp: number;
  /** Worst time from a failed attempt to the next success, in ms: how long an outage felt. */
  longestOutageMs: number;
}

export interface LoadOptions {
  /** Where the server is; read before every request, so a restart on a new URL is followed. */
  url: () => string;
  users: readonly StudyUser[];
  cardIds: readonly string[];
  /** Study until this returns true. */
  stop: () => boolean;
  /** Pause between two ratings, ms: [min, max). */
  thinkMs?: [number, number];
  /** Share of ratings sent twice, as a client does when an answer is lost. */
  resendRate?: number;
  /** Hosted mode: the Origin the CSRF check wants. */
  origin?: string;
}

const REQUEST_TIMEOUT_MS = 15_000;
/** A review is retried (with its key) for this long before the simulation gives up. */
const GIVE_UP_AFTER_MS = 60_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Users studying at once, as the web app does: read the session, rate a card with a
 * fresh idempotency key, retry the same key on any failure (network, 5xx) until it is
 * acknowledged, now and then resend an acknowledged one, glance at the stats.
 */
export async function studyLoad(options: LoadOptions): Promise<LoadFigures> {
  const figures: LoadFigures = {
    requests: 0,
    byStatus: {},
    internalErrors: 0,
    unavailable: 0,
    networkErrors: 0,
    unexpected: [],
    acknowledged: new Map(),
    resends: 0,
    resentAsNew: 0,
    givenUp: 0,
    longestOutageMs: 0,
  };
  const [thinkMin, thinkMax] = options.thinkMs ?? [0, 200];
  const resendRate = options.resendRate ?? 0.05;

  const call = async (
    user: StudyUser,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown } | null> => {
    figures.requests++;
    try {
      const headers: Record<string, string> = {};
      if (user.cookie) headers.cookie = user.cookie;
      if (options.origin) headers.origin = options.origin;
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`${options.url()}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
      if (res.status === 503) figures.unavailable++;
      else if (res.status >= 500) figures.internalErrors++;
      else if (res.status >= 400) figures.unexpected.push({ status: res.status, body: text });
      return { status: res.status, json: text ? JSON.parse(text) : null };
    } catch {
      figures.networkErrors++;
      return null;
    }
  };

  /** Sends one review until the server acknowledges it; returns its answer. */
  const submit = async (user: StudyUser, review: Record<string, unknown>) => {
    const started = Date.now();
    let failedSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      const answer = await call(user, "POST", "/api/reviews", review);
      if (answer?.status === 200) {
        if (failedSince !== undefined) {
          figures.longestOutageMs = Math.max(figures.longestOutageMs, Date.now() - failedSince);
        }
        return answer.json as { duplicate: boolean };
      }
      if (answer && answer.status < 500) return null; // counted as unexpected
      failedSince ??= Date.now();
      if (Date.now() - started > GIVE_UP_AFTER_MS) {
        figures.givenUp++;
        return null;
      }
      await sleep(Math.min(1_000, 50 * attempt));
    }
  };

  const study = async (user: StudyUser) => {
    for (let turn = 0; !options.stop(); turn++) {
      if (turn % 10 === 0) await call(user, "GET", "/api/session");
      if (turn % 25 === 24) await call(user, "GET", "/api/stats");
      const cardId = options.cardIds[Math.floor(Math.random() * options.cardIds.length)] as string;
      const review = {
        cardId,
        rating: 1 + Math.floor(Math.random() * 4),
        idempotencyKey: randomUUID(),
        durationMs: 1_000 + Math.floor(Math.random() * 30_000),
      };
      const answer = await submit(user, review);
      if (answer) {
        figures.acknowledged.set(`${user.id} ${review.idempotencyKey}`, {
          userId: user.id,
          key: review.idempotencyKey,
          cardId,
        });
        if (Math.random() < resendRate) {
          figures.resends++;
          const again = await submit(user, review);
          if (again && !again.duplicate) figures.resentAsNew++;
        }
      }
      await sleep(thinkMin + Math.random() * (thinkMax - thinkMin));
    }
  };

  await Promise.all(options.users.map(study));
  return figures;
}

/** A compact summary for messages and the results file. */
export function summary(figures: LoadFigures) {
  return {
    requests: figures.requests,
    byStatus: figures.byStatus,
    internalErrors: figures.internalErrors,
    unavailable: figures.unavailable,
    networkErrors: figures.networkErrors,
    unexpected: figures.unexpected.length,
    firstUnexpected: figures.unexpected[0] ?? null,
    acknowledged: figures.acknowledged.size,
    resends: figures.resends,
    resentAsNew: figures.resentAsNew,
    givenUp: figures.givenUp,
    longestOutageMs: figures.longestOutageMs,
  };
}
