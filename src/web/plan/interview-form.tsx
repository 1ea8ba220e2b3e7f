import { type FormEvent, useId, useState } from "react";
import type { InterviewJson } from "../../api/plan.ts";
import { ApiError } from "../api/client.ts";
import { FilterBar } from "../components/filter-bar.tsx";
import { saveInterview } from "./api.ts";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function inDays(days: number): string {
  const at = new Date();
  at.setDate(at.getDate() + days);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, "0")}-${String(at.getDate()).padStart(2, "0")}`;
}

/**
 * Sets a new interview or edits one: the date, the scope (the study filters' own control),
 * and minutes a day, optionally per weekday. The server's field errors show by their field.
 */
export function InterviewForm({
  interview,
  onSaved,
}: {
  interview: InterviewJson | null;
  onSaved: () => void;
}) {
  const id = useId();
  const [date, setDate] = useState(interview?.date ?? inDays(14));
  const [minutes, setMinutes] = useState(String(interview?.minutesPerDay ?? 30));
  const [scope, setScope] = useState({
    levels: interview?.levels ?? [],
    topics: interview?.topics ?? [],
  });
  const [perDay, setPerDay] = useState(interview?.minutesByWeekday != null);
  const [week, setWeek] = useState<string[]>(
    (interview?.minutesByWeekday ?? Array(7).fill(interview?.minutesPerDay ?? 30)).map(String),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await saveInterview(interview?.id ?? null, {
        date,
        minutesPerDay: Number(minutes),
        levels: scope.levels,
        topics: scope.topics,
        minutesByWeekday: perDay ? week.map(Number) : null,
      });
      onSaved();
    } catch (error) {
      const found: Record<string, string> = {};
      if (error instanceof ApiError) {
        for (const d of error.details) found[d.field.split(".")[0] ?? d.field] = d.reason;
        if (error.details.length === 0) found.form = error.message;
      } else found.form = (error as Error).message;
      setErrors(found);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) =>
    errors[field] ? (
      <span className="field-error" id={`${id}-${field}-error`} role="alert">
        {errors[field]}
      </span>
    ) : null;
  const described = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <form className="interview-form" onSubmit={submit} data-testid="interview-form">
      <div className="field">
        <label htmlFor={`${id}-date`}>Interview date</label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          required
          aria-invalid={errors.date ? true : undefined}
          aria-describedby={described("date")}
          onChange={(e) => setDate(e.target.value)}
        />
        {fieldError("date")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-minutes`}>Minutes a day</label>
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          value={minutes}
          required
          aria-invalid={errors.minutesPerDay ? true : undefined}
          aria-describedby={described("minutesPerDay")}
          onChange={(e) => setMinutes(e.target.value)}
        />
        {fieldError("minutesPerDay")}
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={perDay} onChange={(e) => setPerDay(e.target.checked)} />{" "}
          Different minutes per weekday
        </label>
      </div>
      {perDay ? (
        <fieldset className="weekdays">
          <legend>Minutes per weekday</legend>
          {WEEKDAYS.map((name, i) => (
            <label key={name}>
              {name}
              <input
                type="number"
                min={0}
                max={600}
                value={week[i]}
                onChange={(e) => setWeek(week.map((w, j) => (j === i ? e.target.value : w)))}
              />
            </label>
          ))}
          {fieldError("minutesByWeekday")}
        </fieldset>
      ) : null}
      <fieldset className="scope">
        <legend>Scope (nothing picked: everything)</legend>
        <FilterBar
          value={scope}
          onChange={(next) => setScope({ levels: next.levels, topics: next.topics })}
        />
        {fieldError("levels")}
        {fieldError("topics")}
      </fieldset>
      {fieldError("form")}
      <p className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {interview ? "Save changes" : "Set interview"}
        </button>
      </p>
    </form>
  );
}
