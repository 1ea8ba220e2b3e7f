import { type ScaleTime, scaleLinear, scaleUtc } from "d3-scale";
import { line } from "d3-shape";
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from "react";

/**
 * Small SVG charts drawn at the width they get, so text stays its real size on a phone
 * and a desktop alike. Colours are CSS custom properties in inline styles: a theme switch
 * repaints them with no redraw. The SVG is a picture (aria-hidden); the chart's panel
 * carries the same numbers as a table for screen readers.
 */

export interface SeriesStyle {
  label: string;
  /** A CSS colour, normally a custom property: `var(--accent)`. */
  color: string;
}

const HEIGHT = 200;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 40 };
const DAY_MS = 86_400_000;
const dateLabel = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

/** The element's content width, kept up to date; 0 until it has been laid out. */
export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** `2025-03-14` as the UTC midnight that starts it: day keys are positioned, never shifted. */
export function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function Frame({ width, children, label }: { width: number; children: ReactNode; label: string }) {
  return (
    <svg
      className="chart-svg"
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      aria-hidden="true"
      data-chart={label}
    >
      {children}
    </svg>
  );
}

function YAxis({
  ticks,
  y,
  width,
  format,
}: {
  ticks: number[];
  y: (value: number) => number;
  width: number;
  format: (value: number) => string;
}) {
  return (
    <g>
      {ticks.map((tick) => (
        <g key={tick} transform={`translate(0,${y(tick)})`}>
          <line
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            style={{ stroke: "var(--border)" }}
            strokeDasharray={tick === 0 ? undefined : "2 3"}
          />
          <text
            x={MARGIN.left - 6}
            dy="0.32em"
            textAnchor="end"
            style={{ fill: "var(--muted)", fontSize: "var(--font-size-xs)" }}
          >
            {format(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

function XAxis({ ticks, x }: { ticks: Date[]; x: (at: Date) => number }) {
  return (
    <g transform={`translate(0,${HEIGHT - MARGIN.bottom})`}>
      {ticks.map((tick) => (
        <g key={tick.getTime()} transform={`translate(${x(tick)},0)`}>
          <line y2={4} style={{ stroke: "var(--border-strong)" }} />
          <text
            y={18}
            textAnchor="middle"
            style={{ fill: "var(--muted)", fontSize: "var(--font-size-xs)" }}
          >
            {dateLabel.format(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Tick dates that fit the width: about one per 70 px, never cut at the edges. */
function dateTicks(scale: ScaleTime<number, number>, width: number): Date[] {
  const inner = width - MARGIN.left - MARGIN.right;
  const ticks = scale.ticks(Math.max(2, Math.floor(inner / 70)));
  return ticks.filter((tick) => {
    const at = scale(tick);
    return at >= MARGIN.left + 16 && at <= width - MARGIN.right - 16;
  });
}

/**
 * One bar per day (stacked when there are several series) on a real date axis: every day
 * of `days` has its slot, empty days included, and the ticks are dates.
 */
export function DayBarChart({
  days,
  series,
  label,
  format = (value) => String(value),
}: {
  days: readonly { date: string; values: readonly number[] }[];
  series: readonly SeriesStyle[];
  label: string;
  format?: (value: number) => string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const first = days[0];
  const last = days.at(-1);
  const content =
    width > 0 && first && last
      ? (() => {
          const x = scaleUtc()
            .domain([dayStart(first.date), new Date(dayStart(last.date).getTime() + DAY_MS)])
            .range([MARGIN.left, width - MARGIN.right]);
          const max = Math.max(1, ...days.map((d) => d.values.reduce((a, b) => a + b, 0)));
          const y = scaleLinear()
            .domain([0, max])
            .nice(4)
            .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
          const slot = (width - MARGIN.left - MARGIN.right) / days.length;
          const barWidth = Math.max(1, slot * 0.72);
          const ticks = y.ticks(4).filter((t) => Number.isInteger(t) || max < 4);
          return (
            <Frame width={width} label={label}>
              <YAxis ticks={ticks} y={y} width={width} format={format} />
              {days.map((day) => {
                let base = 0;
                const left = x(dayStart(day.date)) + (slot - barWidth) / 2;
                return (
                  <g key={day.date}>
                    {day.values.map((value, i) => {
                      if (value <= 0) return null;
                      const top = y(base + value);
                      const height = y(base) - top;
                      base += value;
                      return (
                        <rect
                          // biome-ignore lint/suspicious/noArrayIndexKey: one rect per series, in order
                          key={i}
                          x={left}
                          y={top}
                          width={barWidth}
                          height={Math.max(0.5, height)}
                          rx={Math.min(2, barWidth / 3)}
                          style={{ fill: series[i]?.color ?? "var(--accent)" }}
                        />
                      );
                    })}
                  </g>
                );
              })}
              <XAxis ticks={dateTicks(x, width)} x={(at) => x(at) + slot / 2} />
            </Frame>
          );
        })()
      : null;
  return (
    <div className="chart-area" ref={ref}>
      {content}
    </div>
  );
}

/**
 * Points joined by a line on a date axis, y from 0 to `max`; a null value breaks the
 * line (a week with nothing to measure is a gap, not a zero).
 */
export function TimeLineChart({
  points,
  label,
  max = 1,
  format = (value) => `${Math.round(value * 100)}%`,
  color = "var(--accent)",
  span,
}: {
  points: readonly { at: Date; value: number | null }[];
  label: string;
  max?: number;
  format?: (value: number) => string;
  color?: string;
  /** The axis's range; default from the first point to the last. */
  span?: [Date, Date];
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const first = points[0];
  const last = points.at(-1);
  let content: ReactNode = null;
  if (width > 0 && first && last) {
    const [from, to] = span ?? [first.at, last.at];
    const pad = from.getTime() === to.getTime() ? DAY_MS : 0;
    const x = scaleUtc()
      .domain([new Date(from.getTime() - pad), new Date(to.getTime() + pad)])
      .range([MARGIN.left + 8, width - MARGIN.right - 8]);
    const y = scaleLinear()
      .domain([0, max])
      .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const path = line<{ at: Date; value: number | null }>()
      .defined((p) => p.value !== null)
      .x((p) => x(p.at))
      .y((p) => y(p.value ?? 0))(points as { at: Date; value: number | null }[]);
    content = (
      <Frame width={width} label={label}>
        <YAxis ticks={y.ticks(4)} y={y} width={width} format={format} />
        {path ? <path d={path} style={{ fill: "none", stroke: color, strokeWidth: 2.5 }} /> : null}
        {points.map((p) =>
          p.value === null ? null : (
            <circle
              key={p.at.getTime()}
              cx={x(p.at)}
              cy={y(p.value)}
              r={4}
              style={{ fill: "var(--surface)", stroke: color, strokeWidth: 2.5 }}
            />
          ),
        )}
        <XAxis ticks={dateTicks(x, width)} x={(at) => x(at)} />
      </Frame>
    );
  }
  return (
    <div className="chart-area" ref={ref}>
      {content}
    </div>
  );
}

/** The key under a chart with several series. */
export function Legend({ series }: { series: readonly SeriesStyle[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.label}>
          <span className="swatch" style={{ background: s.color }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
