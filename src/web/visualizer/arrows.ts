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
    // Into the box's nearer side, near its top, so arrows to one box meet at one point.
    const ty = b.top - y0 + Math.min(14, b.height / 2);
    const enterLeft = a.left + a.width / 2 <= b.left + b.width / 2;
    const tx = enterLeft ? b.left - x0 - 2 : b.right - x0 + 2;
    const bend = Math.max(30, Math.abs(tx - sx) / 2);
    const c1 = sx + (enterLeft ? bend : -bend);
    const c2 = tx + (enterLeft ? -bend : bend);
    arrows.push({
      from: dot.dataset.from ?? "",
      to,
      d: `M${sx.toFixed(1)},${sy.toFixed(1)} C${c1.toFixed(1)},${sy.toFixed(1)} ${c2.toFixed(1)},${ty.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
    });
  }
  return arrows;
}
