/** An arrow from a slot's dot to the box of the object it refers to, in canvas pixels. */
export interface Arrow {
  from: string;
  to: string;
  d: string;
}

/**
 * Measures the drawn slots and boxes inside `canvas` and routes one arrow per slot. Boxes
 * are laid out by CSS (so they reflow on a phone); the arrows follow whatever it did.
 */
export function measureArrows(canvas: HTMLElement): Arrow[] {
  const origin = canvas.getBoundingClientRect();
  const x0 = origin.left - canvas.scrollLeft;
  const y0 = origin.top - canvas.scrollTop;
  const arrows: Arrow[] = [];
  for (const dot of canvas.querySelectorAll<HTMLElement>(".viz-ptr[data-from]")) {
    const to = dot.dataset.to ?? "";
    const box = canvas.querySelector<HTMLElement>(`[data-obj="${to}"]`);
    if (!box) continue;
    const a = dot.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const sx = a.left + a.width / 2 - x0;
    const sy = a.top + a.height / 2 - y0;
    const left = b.left - x0;
    const right = b.right - x0;
    const top = b.top - y0;
    let tx: number;
    let ty: number;
    let c1: [number, number];
    let c2: [number, number];
    if (left >= sx + 8 || right <= sx - 8) {
      // Side by side: into the nearer side, near the top, so arrows to one box meet.
      const fromLeft = left >= sx + 8;
      tx = fromLeft ? left - 2 : right + 2;
      ty = top + Math.min(14, b.height / 2);
      const bend = Math.max(30, Math.abs(tx - sx) / 2);
      c1 = [sx + (fromLeft ? bend : -bend), sy];
      c2 = [tx + (fromLeft ? -bend : bend), ty];
    } else {
      // Stacked (a phone, or a box under its slot): down (or up) into the box's top.
      const below = top >= sy;
      tx = Math.min(right - 6, left + 18);
      ty = below ? top - 2 : b.bottom - y0 + 2;
      const bend = Math.max(24, Math.abs(ty - sy) / 2);
      c1 = [sx, sy + (below ? bend : -bend)];
      c2 = [tx, ty + (below ? -bend : bend)];
    }
    const p = (x: number, y: number) => `${x.toFixed(1)},${y.toFixed(1)}`;
    arrows.push({
      from: dot.dataset.from ?? "",
      to,
      d: `M${p(sx, sy)} C${p(...c1)} ${p(...c2)} ${p(tx, ty)}`,
    });
  }
  return arrows;
}
