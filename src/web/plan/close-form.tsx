import { type FormEvent, useId, useState } from "react";
import { INTERVIEW_OUTCOMES, type InterviewJson } from "../../api/plan.ts";
import { closeInterview } from "./api.ts";

const OUTCOME_LABELS: Record<(typeof INTERVIEW_OUTCOMES)[number], string> = {
  offer: "Got an offer",
  "next-round": "Through to the next round",
  rejected: "Not this time",
  withdrew: "I withdrew",
  unknown: "Don't know yet",
};

/** Closes an interview with how it went; the plan then follows the next one, if any. */
export function CloseForm({
  interview,
  onClosed,
}: {
  interview: InterviewJson;
  onClosed: () => void;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<string>("unknown");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await closeInterview(interview.id, outcome, notes);
      onClosed();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form onSubmit={submit} className="close-form" data-testid="close-form">
      <div className="field">
        <label htmlFor={`${id}-outcome`}>How did it go?</label>
        <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {INTERVIEW_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes (optional)</label>
        <textarea
          id={`${id}-notes`}
          rows={2}
          maxLength={2000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      {error ? <p role="alert">{error}</p> : null}
      <button type="submit" className="button">
        Close interview
      </button>
    </form>
  );
}
