import type { ReactNode } from "react";
import type { LineCredit, OutputDiff } from "../../study/grading/output-diff.ts";

/** A box that scrolls sideways on a phone; keyboard users must be able to scroll it too. */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus
    <section className="scroll-x" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

/** The line diff of a missed prediction: `−` expected only, `+` typed only. */
export function DiffView({ diff }: { diff: OutputDiff }) {
  return (
    <figure className="diff-box">
      <figcaption id="diff-caption" className="label">
        Differences: <span className="diff-key missing">− expected</span>{" "}
        <span className="diff-key extra">+ your answer</span>
      </figcaption>
      <ScrollRegion label="Differences">
        <table className="diff" data-testid="diff" aria-labelledby="diff-caption">
          <tbody>
            {diff.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered once and never reorders
              <tr key={i} className={line.op}>
                <th scope="row">
                  <span aria-hidden="true">
                    {line.op === "missing" ? "−" : line.op === "extra" ? "+" : " "}
                  </span>
                  <span className="sr-only">
                    {line.op === "missing"
                      ? "expected, missing from your answer:"
                      : line.op === "extra"
                        ? "in your answer, not expected:"
                        : "same:"}
                  </span>
                </th>
                <td>
                  <code>{line.text || " "}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  );
}

/** The candidate's own lines marked right or wrong: partial credit without the answer. */
export function LineMarks({ credit }: { credit: LineCredit }) {
  return (
    <>
      <ScrollRegion label="Your answer, line by line">
        <ol className="line-marks" data-testid="line-marks">
          {credit.answerLines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the answer's lines, in order
            <li key={i} className={line.right ? "right" : "wrong"} data-right={line.right}>
              <span aria-hidden="true" className="mark">
                {line.right ? "✓" : "✗"}
              </span>
              <span className="sr-only">{line.right ? "right:" : "wrong:"}</span>
              <code>{line.text || " "}</code>
            </li>
          ))}
        </ol>
      </ScrollRegion>
      {credit.missingLines > 0 ? (
        <p className="muted small">
          {credit.missingLines === 1
            ? "One more line is expected."
            : `${credit.missingLines} more lines are expected.`}
        </p>
      ) : null}
    </>
  );
}
