import { describeLimit, outputsMatch, programOutput } from "../../python/output.ts";
import type { RunResult } from "../../python/types.ts";
import { CodeBlock } from "./code-block.tsx";

/** What a run printed, why it stopped, and (when known) whether it matches the verified output. */
export function RunOutput({
  result,
  timeLimitS,
  expected,
}: {
  result: RunResult;
  timeLimitS: number;
  expected?: string | undefined;
}) {
  const output = programOutput(result);
  const limit = describeLimit(result, timeLimitS);
  const matches = expected === undefined ? null : outputsMatch(expected, output);
  return (
    <div className="run-output" data-testid="run-output">
      <h4 className="label">Output</h4>
      <CodeBlock className="output" label="Output">
        {output || <span className="muted">(nothing printed)</span>}
      </CodeBlock>
      {result.stderr ? (
        <>
          <h4 className="label">Standard error</h4>
          <CodeBlock className="output stderr" label="Standard error">
            {result.stderr}
          </CodeBlock>
        </>
      ) : null}
      {limit ? (
        <p className="warn" data-limit={result.limit}>
          {limit}
        </p>
      ) : null}
      {matches === null || limit ? null : (
        <p className={matches ? "ok" : "warn"}>
          {matches ? "✓ Matches the verified output." : "✗ Differs from the verified output."}
        </p>
      )}
    </div>
  );
}
