import { Hono } from "hono";
import type { HostedAuth } from "../auth/hosted.ts";
import type { AttemptLimiter } from "../auth/rate-limit.ts";
import { clientIp } from "../http/client-ip.ts";
import type { AppEnv } from "../http/env.ts";
import { ApiError } from "../http/errors.ts";

const LIMITED_PATHS = new Set(["/api/auth/sign-in/email", "/api/auth/sign-up/email"]);

/**
 * better-auth's endpoints under /api/auth/*, with two things added in front: attempts
 * at signing in or up are limited per client IP and per email address, and error
 * bodies are given the API's `{error, details}` shape (better-auth's own `code` and
 * `message` are kept for its client library).
 */
export function authRoutes(hosted: HostedAuth, limiter: AttemptLimiter, trustProxy: boolean) {
  const app = new Hono<AppEnv>();
  app.on(["GET", "POST"], "/auth/*", async (c) => {
    if (c.req.method === "POST" && LIMITED_PATHS.has(c.req.path)) {
      const email = await emailOf(c.req.raw);
      const keys = [`ip:${clientIp(c, trustProxy)}`];
      if (email) keys.push(`email:${email}`);
      const verdict = limiter.take(keys);
      if (!verdict.allowed) {
        throw new ApiError(429, "too many attempts; try again later", [], {
          "Retry-After": String(verdict.retryAfter),
        });
      }
    }
    const response = await hosted.handler(c.req.raw);
    return response.status >= 400 ? await withErrorShape(response) : response;
  });
  return app;
}

async function emailOf(request: Request): Promise<string | undefined> {
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    return typeof body.email === "string" ? body.email.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

async function withErrorShape(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as {
    message?: string;
    code?: string;
  } | null;
  if (!body || typeof body !== "object") return response;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(
    JSON.stringify({ error: body.message ?? "request failed", details: [], ...body }),
    { status: response.status, headers },
  );
}
