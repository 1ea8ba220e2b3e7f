import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PyodideRunner } from "../../src/python/pyodide/node-runner.ts";
import { traceCode } from "../../src/python/trace/trace.ts";
import type { Trace } from "../../src/python/trace/types.ts";
import { references, stepSummary } from "../../src/web/visualizer/describe.ts";
import { layoutColumns } from "../../src/web/visualizer/layout.ts";
import { seriousViolations } from "./support/axe.ts";
import { launchBrowser, watchErrors } from "./support/browser.ts";
import { SHOTS_DIR, sidewaysOverflow } from "./support/screens.ts";
import { ensureBuilt, ROOT, type RunningServer, removeDir, startServer } from "./support/server.ts";

/**
 * The step-through visualizer on a question page's example: opened from the example, stepped
 * with the keyboard, and drawn as the trace says. The trace Node computes on Pyodide (the
 * browser's Python, the same tracer) is the reference: each step's arrows and the text
 * alternative must list exactly its references, and each arrow must end on its object's box.
 */

const QUESTION = "mutable-default-arguments";
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let expected: Trace;
let code: string;

beforeAll(async () => {
  await ensureBuilt();
  server = await startServer();
  browser = await launchBrowser();
  const question = (await (await fetch(`${server.url}/api/questions/${QUESTION}`)).json()) as {
    examples: { code: string }[];
  };
  code = question.examples[0]?.code ?? "";
  const runner = new PyodideRunner({ size: 1 });
  try {
    expected = await traceCode(runner, { code });
  } finally {
    await runner.close();
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dir);
});

type Drawn = { from: string; to: string }[];

const sorted = (list: Drawn) =>
  list.map((r) => `${r.from}->${r.to}`).sort((a, b) => a.localeCompare(b));

/** What the trace says should be drawn at a step. */
function wanted(index: number, drawPrimitives: boolean): string[] {
  const step = expected.steps[index];
  if (!step) throw new Error(`no step ${index}`);
  const boxed = layoutColumns(step, drawPrimitives).flat();
  return sorted(
    references(step, boxed, drawPrimitives).map((r) => ({ from: r.from, to: String(r.to) })),
  );
}

/** The arrows and the text alternative's items, and any arrow that misses its box. */
async function drawn(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLElement>("[data-testid='viz-canvas']");
    if (!canvas) throw new Error("no canvas");
    const origin = canvas.getBoundingClientRect();
    const misses: string[] = [];
    const arrows = [...canvas.querySelectorAll<SVGPathElement>("svg path[data-from]")].map((p) => {
      const from = p.dataset.from ?? "";
      const to = p.dataset.to ?? "";
      const numbers = (p.getAttribute("d") ?? "").match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
      const [tx, ty] = numbers.slice(-2) as [number, number];
      const box = canvas.querySelector(`[data-obj="${to}"]`)?.getBoundingClientRect();
      const left = (box?.left ?? 0) - origin.left + canvas.scrollLeft;
      const right = (box?.right ?? 0) - origin.left + canvas.scrollLeft;
      const top = (box?.top ?? 0) - origin.top + canvas.scrollTop;
      const bottom = (box?.bottom ?? 0) - origin.top + canvas.scrollTop;
      const near = (a: number, b: number) => Math.abs(a - b) <= 4;
      const within = (v: number, lo: number, hi: number) => v >= lo - 4 && v <= hi + 4;
      const onSide = (near(tx, left) || near(tx, right)) && within(ty, top, bottom);
      const onTopOrBottom = (near(ty, top) || near(ty, bottom)) && within(tx, left, right);
      if (!box || !(onSide || onTopOrBottom)) misses.push(`${from}->${to}`);
      return { from, to };
    });
    const text = [
      ...document.querySelectorAll<HTMLElement>("[data-testid='viz-references'] li[data-from]"),
    ].map((li) => ({ from: li.dataset.from ?? "", to: li.dataset.to ?? "", text: li.textContent }));
    const live = document.querySelector("[data-testid='viz-live']")?.textContent ?? "";
    const step = Number(document.querySelector<HTMLElement>(".viz-body")?.dataset.step);
    return { arrows, text, misses, live, step };
  });
}

async function expectStep(page: Page, index: number, drawPrimitives = false) {
  await page.waitForFunction(
    (i) => document.querySelector<HTMLElement>(".viz-body")?.dataset.step === String(i),
    index,
  );
  // Arrows are measured after layout; give the frame a moment to settle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const seen = await drawn(page);
  expect(seen.step).toBe(index);
  expect(seen.misses).toEqual([]);
  expect(sorted(seen.arrows)).toEqual(wanted(index, drawPrimitives));
  expect(sorted(seen.text)).toEqual(wanted(index, drawPrimitives));
  expect(seen.live).toBe(stepSummary(expected, index));
  return seen;
}

it("steps through an example with the keyboard; arrows and the text follow the trace", async () => {
  expect(expected.end.status).toBe("done");
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/q/${QUESTION}`);
  await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
  const example = page.locator("section.runnable").first();
  await example.locator("button:text-is('Step through')").click();
  await page.locator("[data-testid='visualizer'] .viz-body").waitFor({ timeout: 60_000 });

  // Focus lands on Forward, so the arrow keys work at once.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Next step →");
  await expectStep(page, 0);
  expect(await page.locator(".viz-code li[data-mark='next']").getAttribute("data-line")).toBe(
    String(expected.steps[0]?.line),
  );

  // Forward to the step after `second = add("b")`: first, second and the default share a list.
  const target = expected.steps.findIndex(
    (s) => s.frames.length === 1 && s.frames[0]?.vars.some((v) => v.name === "second"),
  );
  expect(target).toBeGreaterThan(0);
  for (let i = 1; i <= target; i++) {
    await page.keyboard.press("ArrowRight");
    if (i % 4 === 0 || i === target) await expectStep(page, i);
  }
  const seen = await expectStep(page, target);
  const to = (from: string) => seen.arrows.find((a) => a.from === from)?.to;
  expect(to("f0.first")).toBeDefined();
  expect(to("f0.second")).toBe(to("f0.first"));
  const fn = to("f0.add");
  expect(to(`o${fn}.d.items`)).toBe(to("f0.first"));
  expect(await page.locator(".viz-code li[data-mark='ran']").getAttribute("data-line")).toBe(
    String(expected.steps[target - 1]?.line),
  );
  // Aliasing is one box with three arrows into it.
  expect(await page.locator(`[data-obj="${to("f0.first")}"]`).count()).toBe(1);

  // Back, then the option that draws small values as objects too.
  await page.keyboard.press("ArrowLeft");
  await expectStep(page, target - 1);
  await page.keyboard.press("ArrowRight");
  await page.getByLabel("Draw small values (ints, strings) as objects").check();
  const boxed = await expectStep(page, target, true);
  expect(boxed.arrows.length).toBeGreaterThan(seen.arrows.length);

  await captureVisualizer(page, "visualizer");

  // Run to end: the whole output, and the last step.
  await page.locator("button:text-is('Run to end')").click();
  await expectStep(page, expected.steps.length - 1, true);
  expect(await page.locator(".viz-body pre.output").last().textContent()).toBe(expected.stdout);
  // Jump with the slider.
  await page.getByLabel("Jump to step").fill("3");
  await expectStep(page, 2, true);
  expect(errors).toEqual([]);
  await page.close();
}, 180_000);

/** Phone and desktop, light and dark: photographs for a reviewer, and axe on each. */
async function captureVisualizer(page: Page, name: string) {
  const problems: string[] = [];
  const panel = page.locator("[data-testid='visualizer']").first();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      await panel.scrollIntoViewIfNeeded();
      await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
      const overflow = width === 390 ? await sidewaysOverflow(page) : null;
      if (overflow) problems.push(`${scheme} ${width}: ${overflow}`);
      // The arrows are re-measured on resize: at each width they still end on their boxes.
      const { misses } = await drawn(page);
      if (misses.length) problems.push(`${scheme} ${width}: arrows miss ${misses.join(" ")}`);
      await panel.screenshot({ path: path.join(SHOTS_DIR, `${name}-${scheme}-${width}.png`) });
      for (const v of await seriousViolations(page))
        problems.push(
          `${scheme} ${width}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target).join(" ")}`,
        );
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(problems).toEqual([]);
}

const OWN_CODE = `def make_counters():
    fns = []
    for i in range(2):
        fns.append(lambda: i)
    return fns

def countdown(n):
    while n > 0:
        yield n
        n -= 1

counters = make_counters()
g = countdown(2)
first = next(g)
print([f() for f in counters], first)
raise KeyError("missing")
`;

it("steps through the candidate's own exercise code: cells, a paused generator, the exception", async () => {
  const runner = new PyodideRunner({ size: 1 });
  let own: Trace;
  try {
    own = await traceCode(runner, { code: OWN_CODE });
  } finally {
    await runner.close();
  }
  const previous = expected;
  expected = own;
  try {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/q/append-vs-extend`);
    await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
    const exercise = page.locator("div.exercise").first();
    await exercise.locator('.editor[data-ready="true"] .cm-content').click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(OWN_CODE);
    await exercise.locator("button:text-is('Step through')").click();
    await exercise.locator("[data-testid='visualizer'] .viz-body").waitFor({ timeout: 60_000 });
    await expectStep(page, 0);

    // After `first = next(g)`: both lambdas share one cell, the generator is paused at yield.
    const paused = own.steps.findIndex(
      (s) => s.frames.length === 1 && s.frames[0]?.vars.some((v) => v.name === "first"),
    );
    await page.getByLabel("Jump to step").fill(String(paused + 1));
    const seen = await expectStep(page, paused);
    const to = (from: string) => seen.arrows.find((a) => a.from === from)?.to;
    const list = to("f0.counters");
    const [one, two] = [to(`o${list}.0`), to(`o${list}.1`)];
    expect(one).not.toBe(two);
    expect(to(`o${one}.c.i`)).toBeDefined();
    expect(to(`o${one}.c.i`)).toBe(to(`o${two}.c.i`));
    const gen = page.locator(`[data-obj="${to("f0.g")}"]`);
    expect(await gen.locator(".viz-state").first().textContent()).toBe("suspended, line 9");

    await page.keyboard.press("End");
    await expectStep(page, own.steps.length - 1);
    expect(await exercise.locator(".viz-exception pre").textContent()).toContain(
      "KeyError: 'missing'",
    );
    await page.getByLabel("Jump to step").fill(String(paused + 1));
    await expectStep(page, paused);
    await captureVisualizer(page, "visualizer-exercise");
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    expected = previous;
  }
}, 180_000);

it("a drill on mutable defaults, once answered, offers Show me what happens", async () => {
  const question = (await (await fetch(`${server.url}/api/questions/${QUESTION}`)).json()) as {
    cards: { kind: string; key?: string }[];
    drills: { key: string; code: string; expectedOutput: string }[];
  };
  expect(question.cards[0]?.kind).toBe("concept");
  expect(question.cards[1]?.kind).toBe("drill");
  const drill = question.drills.find((d) => d.key === question.cards[1]?.key) ?? question.drills[0];
  if (!drill) throw new Error(`${QUESTION} needs a drill`);
  const runner = new PyodideRunner({ size: 1 });
  const previous = expected;
  try {
    expected = await traceCode(runner, { code: drill.code });
  } finally {
    await runner.close();
  }
  try {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await page.evaluate(() => localStorage.removeItem("pyprep.session"));
    await page.goto(`${server.url}/study?question=${QUESTION}`);
    await page.waitForSelector("article.card");
    await page.waitForSelector('[data-python="ready"]', { timeout: 60_000 });
    // The concept card first: show the answer, rate Good, and the drill follows.
    await page.keyboard.press("Space");
    await page.locator(".rating-bar").waitFor();
    await page.keyboard.press("3");
    const card = page.locator('[data-kind="drill"]');
    await card.locator("textarea").waitFor();
    // No step-through before the answer: it would give the output away.
    expect(await card.locator("button:text-is('Step through')").count()).toBe(0);
    expect(await card.locator("button:text-is('Show me what happens')").count()).toBe(0);
    await card.locator("textarea").fill(drill.expectedOutput);
    await page.keyboard.press("Control+Enter");
    await card.locator("[data-testid='grade']").waitFor();
    // A reference drill: "Show me what happens" straight after the real output, and no
    // second, plain Step through.
    const showMe = card.locator(".grade > [data-testid='show-me']");
    const follows = await showMe.evaluate(
      (el) => el.previousElementSibling?.getAttribute("data-label") ?? "",
    );
    expect(follows).toBe("The real output");
    expect(await card.locator(".grade > p.row button:text-is('Step through')").count()).toBe(0);
    await showMe.locator("button:text-is('Show me what happens')").click();
    await card.locator("[data-testid='visualizer'] .viz-body").waitFor({ timeout: 60_000 });
    await expectStep(page, 0);
    await page.keyboard.press("ArrowRight");
    await expectStep(page, 1);
    await page.keyboard.press("End");
    await expectStep(page, expected.steps.length - 1);
    expect(await showMe.locator("button:text-is('Close step-through')").count()).toBe(1);
    await captureVisualizer(page, "visualizer-show-me");
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    expected = previous;
  }
}, 180_000);

/**
 * `visualize=open` on an example's fence: the question page opens it stepped, without a
 * click and without taking the focus. A copy of the bank with that one fence marked, served
 * by a second server, so the parser, the API and the page are all on the path.
 */
it("an example marked visualize=open opens in the visualizer by default", async () => {
  const bank = mkdtempSync(path.join(tmpdir(), "pyprep-viz-bank-"));
  cpSync(path.join(ROOT, "content"), bank, { recursive: true });
  const file = path.join(bank, "fresher", `${QUESTION}.md`);
  const text = readFileSync(file, "utf8");
  const marked = text.replace(/(## Example[^\n]*\n\n```python)\n/, "$1 visualize=open\n");
  expect(marked).not.toBe(text);
  writeFileSync(file, marked);
  const before = process.env.PYPREP_CONTENT_DIR;
  process.env.PYPREP_CONTENT_DIR = bank;
  let marking: RunningServer | undefined;
  try {
    marking = await startServer();
    const api = (await (await fetch(`${marking.url}/api/questions/${QUESTION}`)).json()) as {
      examples: { visualize?: string }[];
    };
    expect(api.examples.map((e) => e.visualize)).toEqual(["open", undefined]);
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${marking.url}/q/${QUESTION}`);
    const [first, second] = [0, 1].map((i) => page.locator("section.runnable").nth(i));
    if (!first || !second) throw new Error("two examples expected");
    await first.locator("[data-testid='visualizer'] .viz-body").waitFor({ timeout: 90_000 });
    await expectStep(page, 0);
    expect(await first.locator("button:text-is('Close step-through')").count()).toBe(1);
    // Only the marked one, and the focus stays on the page, not in the panel.
    expect(await second.locator("[data-testid='visualizer']").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).not.toBe("Next step →");
    // Stepping works as on a panel opened by hand.
    await first.locator(".viz-controls button.primary").focus();
    await page.keyboard.press("ArrowRight");
    await expectStep(page, 1);
    await captureVisualizer(page, "visualizer-open");
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    if (before === undefined) delete process.env.PYPREP_CONTENT_DIR;
    else process.env.PYPREP_CONTENT_DIR = before;
    await marking?.stop();
    if (marking) removeDir(marking.dir);
    removeDir(bank);
  }
}, 240_000);
