/**
 * The API benchmark's baseline: a bare Hono app on @hono/node-server with one JSON POST
 * route (parse the body, answer JSON) and one JSON GET route, nothing else. What the
 * framework itself serves on this machine, measured in the same run as PyPrep's routes.
 *
 * Usage: node --import tsx bench/bare-hono.ts <port>
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.post("/echo", async (c) => {
  const body = (await c.req.json()) as Record<string, unknown>;
  return c.json({ ok: true, cardId: body.cardId ?? null }, 201);
});
app.get("/json", (c) => c.json({ due: [], new: [], counts: { due: 0, new: 0 } }));
app.get("/readyz", (c) => c.text("ok"));

serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: "127.0.0.1" });
