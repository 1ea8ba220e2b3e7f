import type { OutputDiff } from "../../study/grading/output-diff.ts";

/** The line diff of a missed prediction: `-` expected only, `+` typed only. */
export function DiffView({ diff }: { diff: OutputDiff }) {
  return (
    <table className="diff" data-testid="diff">
      <caption>Differences (− expected, + your answer)</caption>
      <tbody>
        {diff.lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered once and never reorders
          <tr key={i} className={line.op}>
            <th scope="row">
              {line.op === "missing" ? "−" : line.op === "extra" ? "+" : " "}
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
  );
}
