import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { type AxeViolation, seriousViolations } from "./axe.ts";
import { ROOT } from "./server.ts";

export const SHOTS_DIR = path.join(ROOT, "test-results", "screens");

const WIDTHS = [360, 1280] as const;
const SCHEMES = ["light", "dark"] as const;

/**
 * Photographs the screen as it is now in light and dark at phone and desktop widths
 * (for a reviewer, under test-results/), and runs axe-core on each of the four: contrast
 * depends on the theme, reflow on the width. Returns the serious and critical violations
 * found, and any sideways overflow of the page at 360 px (code scrolls inside its own
 * box; the page never does).
 */
export async function captureScreen(page: Page, name: string): Promise<string[]> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const problems: string[] = [];
  const original = page.viewportSize();
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      if (width === 360) {
        const overflow = await sidewaysOverflow(page);
        if (overflow)
          problems.push(`${name} ${scheme} 360px: the page overflows sideways: ${overflow}`);
      }
      await page.screenshot({
        path: path.join(SHOTS_DIR, `${name}-${scheme}-${width}.png`),
        fullPage: true,
      });
      const violations: AxeViolation[] = await seriousViolations(page);
      for (const v of violations) {
        problems.push(
          `${name} ${scheme} ${width}px: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
            .map((n) => n.target.join(" "))
            .join(", ")}`,
        );
      }
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (original) await page.setViewportSize(original);
  return problems;
}

/** How far the page is wider than the screen, and the widest culprits; null when it fits. */
export async function sidewaysOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
    return `${root.scrollWidth}px wide for ${root.clientWidth}px (${culprits.join(", ")})`;
  });
}
