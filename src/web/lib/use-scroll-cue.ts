import { type RefObject, useEffect } from "react";

/**
 * Marks a sideways-scrolling element with `data-more-left` / `data-more-right` while there
 * is more to see that way, so CSS can draw a fade at that edge: phones hide scroll bars, and
 * a cut-off line must not look like the end of the line.
 */
export function useScrollCue(ref: RefObject<HTMLElement | null>, selector?: string): void {
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    let scroller: HTMLElement | null = null;
    const update = () => {
      const el = scroller;
      if (!el) return;
      const max = el.scrollWidth - el.clientWidth;
      host.toggleAttribute("data-more-left", max > 1 && el.scrollLeft > 1);
      host.toggleAttribute("data-more-right", max > 1 && el.scrollLeft < max - 1);
    };
    const attach = () => {
      const next = selector ? host.querySelector<HTMLElement>(selector) : host;
      if (next === scroller) return update();
      scroller?.removeEventListener("scroll", update);
      scroller = next;
      scroller?.addEventListener("scroll", update, { passive: true });
      update();
    };
    attach();
    const resize = new ResizeObserver(update);
    resize.observe(host);
    // The editor builds its scroller after mount and its content changes as the user types.
    const mutations = new MutationObserver(attach);
    mutations.observe(host, { childList: true, subtree: true, characterData: true });
    return () => {
      resize.disconnect();
      mutations.disconnect();
      scroller?.removeEventListener("scroll", update);
    };
  }, [ref, selector]);
}
