import type { Chart, ChartConfiguration } from "chart.js";
import { useEffect, useRef } from "react";

/**
 * One chart.js chart. chart.js is imported on first use (it is not in the initial bundle);
 * the canvas is hidden from screen readers, which read the data table next to it instead.
 */
export function ChartCanvas({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart | undefined;
    let cancelled = false;
    void import("chart.js/auto").then(({ default: ChartJs }) => {
      if (cancelled || !canvas.current) return;
      const styles = getComputedStyle(document.documentElement);
      ChartJs.defaults.color = styles.getPropertyValue("--muted").trim() || "#555";
      ChartJs.defaults.borderColor = styles.getPropertyValue("--border").trim() || "#ccc";
      chart = new ChartJs(canvas.current, config);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [config]);
  return (
    <div className="chart-box">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`${label}; the same data is in the table below`}
      />
    </div>
  );
}
