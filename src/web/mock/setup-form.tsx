import { type FormEvent, useState } from "react";
import type { MockSetup, MockSetupBody } from "../../api/mocks.ts";
import { LEVELS, type Level } from "../../api/types.ts";
import {
  MAX_MOCK_MINUTES,
  MAX_MOCK_QUESTIONS,
  MAX_SEED,
  MIN_MOCK_MINUTES,
  PRESET_MINUTES,
} from "../../study/mock/types.ts";
import { useApp } from "../app-context.tsx";
import { LEVEL_LABELS, plural } from "../lib/labels.ts";

type Length = `${(typeof PRESET_MINUTES)[number]}` | "custom" | "questions";

interface FormState {
  length: Length;
  minutes: string;
  questions: string;
  levels: Level[];
  topics: string[];
  includeExercises: boolean;
  preferWeakTopics: boolean;
  seed: string;
}

function fromSetup(setup: MockSetup | null, topics: string[]): FormState {
  const budget = setup?.budget ?? { kind: "minutes" as const, minutes: 30 };
  const preset = PRESET_MINUTES.find((m) => budget.kind === "minutes" && budget.minutes === m);
  return {
    length: budget.kind === "questions" ? "questions" : preset ? (`${preset}` as Length) : "custom",
    minutes: budget.kind === "minutes" ? String(budget.minutes) : "20",
    questions: budget.kind === "questions" ? String(budget.count) : "5",
    levels: setup?.levels ?? [],
    topics: setup?.topics ?? topics,
    includeExercises: setup?.includeExercises ?? false,
    preferWeakTopics: setup?.preferWeakTopics ?? false,
    seed: "",
  };
}

/** The field errors the server named, by field (`minutes`, `topics`, `seed`, …). */
export type FieldErrors = Record<string, string>;

/**
 * Level (or a mix), topics, a length in minutes or in questions, coding exercises or not,
 * weakest topics or not, and a seed for a plan that can be repeated. "Same as last time"
 * fills it from the last mock's set-up.
 */
export function SetupForm({
  initialTopics,
  last,
  busy,
  errors,
  onStart,
}: {
  initialTopics: string[];
  last: MockSetup | null;
  busy: boolean;
  errors: FieldErrors;
  onStart: (body: MockSetupBody) => void;
}) {
  const { topics, topicTitle } = useApp();
  const [form, setForm] = useState<FormState>(() => fromSetup(null, initialTopics));
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: MockSetupBody = {
      levels: form.levels,
      topics: form.topics,
      includeExercises: form.includeExercises,
      preferWeakTopics: form.preferWeakTopics,
    };
    if (form.length === "questions") body.questions = Number(form.questions);
    else body.minutes = form.length === "custom" ? Number(form.minutes) : Number(form.length);
    if (form.seed.trim() !== "") body.seed = Number(form.seed);
    onStart(body);
  };

  const error = (field: string) =>
    errors[field] ? (
      <span className="field-error" id={`mock-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const described = (field: string) => (errors[field] ? `mock-${field}-error` : undefined);

  return (
    <form className="mock-setup" onSubmit={submit} aria-labelledby="mock-setup-h" noValidate>
      <h2 id="mock-setup-h">Set up an interview</h2>
      {last ? (
        <p>
          <button
            type="button"
            className="ghost"
            onClick={() => setForm(fromSetup(last, initialTopics))}
            data-testid="same-as-last"
          >
            Same as last time
          </button>
        </p>
      ) : null}
      <fieldset className="mock-length">
        <legend>Length</legend>
        <div className="choice-row">
          {[
            ...PRESET_MINUTES.map((m) => `${m}` as Length),
            "custom" as const,
            "questions" as const,
          ].map((length) => (
            <label key={length} className="choice">
              <input
                type="radio"
                name="mock-length"
                value={length}
                checked={form.length === length}
                onChange={() => set("length", length)}
              />
              {length === "custom"
                ? "Other time"
                : length === "questions"
                  ? "Number of questions"
                  : `${length} min`}
            </label>
          ))}
        </div>
        {form.length === "custom" ? (
          <label className="field">
            <span>
              Minutes ({MIN_MOCK_MINUTES} to {MAX_MOCK_MINUTES})
            </span>
            <input
              type="number"
              inputMode="numeric"
              min={MIN_MOCK_MINUTES}
              max={MAX_MOCK_MINUTES}
              value={form.minutes}
              onChange={(e) => set("minutes", e.target.value)}
              aria-describedby={described("minutes")}
              aria-invalid={errors.minutes ? true : undefined}
            />
            {error("minutes")}
          </label>
        ) : null}
        {form.length === "questions" ? (
          <label className="field">
            <span>
              Questions (1 to {MAX_MOCK_QUESTIONS}); the time limit is their minutes added up
            </span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_MOCK_QUESTIONS}
              value={form.questions}
              onChange={(e) => set("questions", e.target.value)}
              aria-describedby={described("questions")}
              aria-invalid={errors.questions ? true : undefined}
              data-testid="mock-questions"
            />
            {error("questions")}
          </label>
        ) : (
          error("minutes")
        )}
      </fieldset>
      <fieldset>
        <legend>Levels</legend>
        <div className="choice-row">
          {LEVELS.map((level) => (
            <label key={level} className="check">
              <input
                type="checkbox"
                checked={form.levels.includes(level)}
                onChange={() => set("levels", toggle(form.levels, level))}
              />
              {LEVEL_LABELS[level]}
            </label>
          ))}
        </div>
        <p className="hint">None ticked: a mix of every level.</p>
      </fieldset>
      <details className="mock-topics" open={form.topics.length > 0}>
        <summary>
          Topics:{" "}
          {form.topics.length === 0
            ? "all"
            : form.topics.length === 1
              ? topicTitle(form.topics[0] ?? "")
              : plural(form.topics.length, "topic")}
        </summary>
        <fieldset>
          <legend className="sr-only">Topics</legend>
          <div className="topic-grid">
            {topics?.topics.map((topic) => (
              <label key={topic.id} className="check">
                <input
                  type="checkbox"
                  checked={form.topics.includes(topic.id)}
                  onChange={() => set("topics", toggle(form.topics, topic.id))}
                />
                {topic.title}
              </label>
            ))}
          </div>
        </fieldset>
        {error("topics")}
      </details>
      <fieldset>
        <legend>Options</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={form.includeExercises}
            onChange={(e) => set("includeExercises", e.target.checked)}
          />
          Include coding exercises (graded by running the tests here, in the browser)
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.preferWeakTopics}
            onChange={(e) => set("preferWeakTopics", e.target.checked)}
          />
          Lean towards my weakest topics
        </label>
      </fieldset>
      <label className="field mock-seed">
        <span>Seed (optional): the same seed and set-up give the same questions</span>
        <input
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SEED}
          value={form.seed}
          onChange={(e) => set("seed", e.target.value)}
          aria-describedby={described("seed")}
          aria-invalid={errors.seed ? true : undefined}
        />
        {error("seed")}
      </label>
      <p className="row">
        <button
          type="submit"
          className="primary large"
          aria-disabled={busy || undefined}
          data-testid="mock-start"
        >
          {busy ? "Starting…" : "Start the interview"}
        </button>
      </p>
    </form>
  );
}
