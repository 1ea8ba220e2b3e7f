import type { Bank } from "../../content/bank.ts";
import { PASS_SCORE } from "../../study/mock/scoring.ts";
import type { ItemReport, MockReport } from "../../study/mock/types.ts";
import { columns, truncate } from "../output.ts";
import type { Terminal } from "../terminal.ts";
import { clock } from "./countdown.ts";

const ENDINGS: Record<MockReport["endedBy"], string> = {
  candidate: "you finished it",
  time: "the time ran out",
  expired: "it was left paused for a week",
};

const percent = (score: number) => `${Math.round(score * 100)}%`;

/**
 * The mock's report, the one the study engine's `scoreMock` made and the store keeps
 * (the web app shows the same record): the score, each question against its target
 * time with the key points missed, per topic and level, the weakest areas, and the
 * cards put in the review queue.
 */
export function printReport(term: Terminal, report: MockReport, bank: Bank): void {
  const { paint, glyphs } = term;
  const scoreText = percent(report.score);
  term.print();
  term.print(
    paint.bold(
      `Mock interview report: ${report.score >= PASS_SCORE ? paint.green(scoreText) : paint.yellow(scoreText)}`,
    ),
  );
  term.print(
    paint.dim(
      `${report.answered} of ${report.total} answered ${glyphs.dot} ${clock(report.durationMs)} of ${clock(report.timeLimitMs)} ${glyphs.dot} ended because ${ENDINGS[report.endedBy]}`,
    ),
  );
  term.print();
  const rows = report.items.map((item) => [
    `${item.index + 1}.`,
    item.missed ? paint.yellow(glyphs.fail) : paint.green(glyphs.ok),
    percent(item.score).padStart(4),
    item.kind,
    `${clock(item.durationMs)}/${clock(item.targetMs)}`,
    item.answered ? item.title : `${item.title} (not answered)`,
  ]);
  for (const line of columns(term, rows, true)) term.print(line);
  for (const item of report.items) printMisses(term, item);

  term.print();
  const topicTitle = (id: string) => bank.topics.find((t) => t.id === id)?.title ?? id;
  term.print(paint.bold("By topic"));
  for (const group of report.byTopic) {
    term.print(
      `  ${percent(group.score).padStart(4)}  ${topicTitle(group.topic)} ${paint.dim(`(${group.answered} of ${group.items} answered)`)}`,
    );
  }
  term.print(paint.bold("By level"));
  for (const group of report.byLevel) {
    term.print(`  ${percent(group.score).padStart(4)}  ${group.level}`);
  }
  const weak = report.byTopic.filter((group) => group.score < PASS_SCORE).slice(0, 3);
  term.print();
  term.print(
    weak.length > 0
      ? `${paint.bold("Weakest areas:")} ${weak.map((group) => topicTitle(group.topic)).join(", ")}`
      : paint.green("No weak area in this interview."),
  );
  if (report.reviewCardIds.length > 0) {
    term.print(
      `${paint.bold("Review next:")} ${report.reviewCardIds.length} card${report.reviewCardIds.length === 1 ? " is" : "s are"} due now (pyprep study): ${report.reviewCardIds.join(", ")}`,
    );
  }
}

function printMisses(term: Terminal, item: ItemReport): void {
  if (item.missedKeyPoints.length === 0 || !item.answered) return;
  const width = term.width - 10;
  term.print(
    term.paint.dim(
      `     ${item.index + 1}. key points missed: ${item.missedKeyPoints
        .map((point) => truncate(point.text.replace(/<!--[\s\S]*?-->/g, "").trim(), width, term))
        .join(" | ")}`,
    ),
  );
}
