import { type Context, Hono } from "hono";
import { MAX_DISPLAY_NAME_LENGTH } from "../../api/limits.ts";
import type { HostedAuth } from "../auth/hosted.ts";
import type { AccountRules, Attempt, AttemptLimiter } from "../auth/rate-limit.ts";
import { readBody } from "../http/body-limits.ts";
import { clientIp } from "../http/client-ip.ts";
import type { AppEnv } from "../http/env.ts";
import { ApiError, badRequest, notFound } from "../http/errors.ts";
import { parseJsonBytes, requireJsonType } from "../http/validate.ts";

/**
 * The better-auth endpoints PyPrep uses; the rest of its surface (email change, account
 * deletion without our data, OAuth) answers 404 rather than half-working.
 */
const ENDPOINTS = new Set([
  "GET /get-session",
  "GET /list-sessions",
  "GET /ok",
  "POST /sign-up/email",
  "POST /sign-in/email",
  "POST /sign-out",
  "POST /revoke-session",
  "POST /revoke-sessions",
  "POST /revoke-other-sessions",
  "POST /change-password",
  "POST /verify-password",
  "POST /update-user",
]);
/** Endpoints that re-check the signed-in user's password: limited per account. */
const PASSWORD_CHECKS = new Set(["/change-password", "/verify-password"]);
const MAX_EMAIL_LENGTH = 254;

export interface AuthRouteOptions {
  hosted: HostedAuth;
  limiter: AttemptLimiter;
  rules: AccountRules;
  trustProxy: boolean;
}

/**
 * better-auth's endpoints under /api/auth/*, with PyPrep's rules in front: attempts are
 * limited (auth/rate-limit.ts), names and emails bounded, and answers reshaped. A
 * session token never appears in a JSON body (the HttpOnly cookie carries it, and a
 * script that could read the body could steal the session), and error bodies get the
 * API's `{error, details}` shape (better-auth's `code` and `message` are kept).
 */
export function authRoutes(options: AuthRouteOptions): Hono<AppEnv> {
  const { hosted, limiter, rules, trustProxy } = options;
  const app = new Hono<AppEnv>();

  app.on(["GET", "POST"], "/auth/*", async (c) => {
    const endpoint = c.req.path.replace(/^\/api\/auth/, "");
    if (!ENDPOINTS.has(`${c.req.method} ${endpoint}`)) {
      throw notFound(`no such endpoint: ${c.req.method} ${c.req.path}`);
    }
    const bytes = c.req.method === "POST" ? await readBody(c) : undefined;
    const body = bytes && bytes.byteLength > 0 ? jsonObject(c, bytes) : {};
    checkBounds(body);

    const ip = clientIp(c, trustProxy);
    const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
    const attempts: Attempt[] = [];
    if (endpoint === "/sign-in/email") {
      attempts.push({ rule: rules.signInPerAddress, subject: ip });
      if (email) {
        attempts.push({ rule: rules.signInPerAddressAndEmail, subject: `${ip} ${email}` });
        attempts.push({ rule: rules.signInPerEmail, subject: email });
      }
    } else if (endpoint === "/sign-up/email") {
      attempts.push({ rule: rules.signUpPerAddress, subject: ip });
    } else if (PASSWORD_CHECKS.has(endpoint)) {
      const user = await hosted.currentUser(c.req.raw.headers);
      attempts.push({ rule: rules.passwordPerAddress, subject: ip });
      if (user) attempts.push({ rule: rules.passwordPerAccount, subject: user.id });
    }
    if (attempts.length > 0) await enforce(limiter, attempts);

    const request = new Request(c.req.raw.url, {
      method: c.req.method,
      headers: c.req.raw.headers,
      ...(bytes ? { body: bytes as Uint8Array<ArrayBuffer> } : {}),
    });
    let response = await hosted.handler(request);
    if (endpoint === "/sign-up/email" && response.ok) {
      response = await signInAfterSignUp(hosted, request, body, response);
    }
    return response.status >= 400 ? withErrorShape(response) : withoutTokens(response);
  });
  return app;
}

/** Throws 429 with Retry-After when any counter is over its limit. */
export async function enforce(limiter: AttemptLimiter, attempts: readonly Attempt[]) {
  const verdict = await limiter.take(attempts);
  if (!verdict.allowed) {
    throw new ApiError(429, "too many attempts; try again later", [], {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
}

function jsonObject(c: Context, bytes: Uint8Array): Record<string, unknown> {
  requireJsonType(c);
  const value = parseJsonBytes(bytes);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("invalid body", [{ field: "body", reason: "must be a JSON object" }]);
  }
  return value as Record<string, unknown>;
}

/** A name is shown on every page (and in every /api/config answer): it stays short. */
function checkBounds(body: Record<string, unknown>): void {
  if (typeof body.name === "string" && body.name.length > MAX_DISPLAY_NAME_LENGTH) {
    throw badRequest("invalid body", [
      { field: "name", reason: `must be at most ${MAX_DISPLAY_NAME_LENGTH} characters` },
    ]);
  }
  if (typeof body.email === "string" && body.email.length > MAX_EMAIL_LENGTH) {
    throw badRequest("invalid body", [
      { field: "email", reason: `must be at most ${MAX_EMAIL_LENGTH} characters` },
    ]);
  }
}

/**
 * Sign-up answers alike whether or not the email is taken (better-auth's enumeration
 * protection, on because auto sign-in is off). A new account is then signed in here
 * with the password just chosen; a taken email simply stays signed out, exactly as a
 * wrong password would, and nothing in the answer's body tells the two apart.
 */
async function signInAfterSignUp(
  hosted: HostedAuth,
  signUp: Request,
  body: Record<string, unknown>,
  answer: Response,
): Promise<Response> {
  const signIn = await hosted.handler(
    new Request(new URL("/api/auth/sign-in/email", signUp.url), {
      method: "POST",
      headers: withoutLength(signUp.headers),
      body: JSON.stringify({ email: body.email, password: body.password }),
    }),
  );
  if (!signIn.ok) return answer;
  const headers = new Headers(answer.headers);
  for (const cookie of signIn.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  return new Response(answer.body, { status: answer.status, headers });
}

function withoutLength(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete("content-length");
  return copy;
}

/** Removes every `token` field from a JSON answer (get-session, list-sessions, sign-in …). */
async function withoutTokens(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const text = await response.text();
  const cleaned = text === "" ? text : JSON.stringify(JSON.parse(text), dropTokens);
  return new Response(cleaned, {
    status: response.status,
    headers: withoutLength(response.headers),
  });
}

function dropTokens(key: string, value: unknown): unknown {
  return key === "token" ? undefined : value;
}

async function withErrorShape(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { message?: string; code?: string } | null;
  if (!body || typeof body !== "object") return response;
  return new Response(
    JSON.stringify({ error: body.message ?? "request failed", details: [], ...body }),
    { status: response.status, headers: withoutLength(response.headers) },
  );
}
