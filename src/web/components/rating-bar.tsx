import { useEffect, useRef } from "react";
import type { Rating } from "../../api/types.ts";
import { useShortcuts } from "../lib/shortcuts.ts";

export const RATING_LABELS: Record<Rating, string> = {
  1: "Again",
  2: "Hard",
  3: "Good",
  4: "Easy",
};
const RATING_OF_NAME = { again: 1, hard: 2, good: 3, easy: 4 } as const;

/** ts-fsrs names (what the study engine's defaultRating answers) to the API's numbers. */
export function ratingFromName(name: keyof typeof RATING_OF_NAME): Rating {
  return RATING_OF_NAME[name];
}

/**
 * Again / Hard / Good / Easy. The suggested rating (from the grade) is marked and focused,
 * so Enter accepts it; 1-4 choose any rating.
 */
export function RatingBar({
  suggested,
  onRate,
  disabled = false,
  autoFocus = true,
}: {
  suggested?: Rating | undefined;
  onRate: (rating: Rating) => void;
  disabled?: boolean;
  /** Off when focus should stay where the candidate is working (a failing exercise). */
  autoFocus?: boolean;
}) {
  const group = useRef<HTMLFieldSetElement>(null);
  const enabled = !disabled;
  useShortcuts(
    {
      "1": () => onRate(1),
      "2": () => onRate(2),
      "3": () => onRate(3),
      "4": () => onRate(4),
      Enter: suggested ? () => onRate(suggested) : undefined,
    },
    { enabled },
  );

  useEffect(() => {
    if (!autoFocus) return;
    const target = group.current?.querySelector<HTMLButtonElement>(
      suggested ? `button[data-rating="${suggested}"]` : "button",
    );
    target?.focus();
  }, [suggested, autoFocus]);

  return (
    <fieldset ref={group} className="rating-bar" disabled={disabled}>
      <legend>
        How well did you recall it?
        {suggested ? (
          <span className="muted"> Suggested: {RATING_LABELS[suggested]} (Enter)</span>
        ) : null}
      </legend>
      {([1, 2, 3, 4] as const).map((rating) => (
        <button
          key={rating}
          type="button"
          data-rating={rating}
          className={rating === suggested ? "rating suggested" : "rating"}
          aria-keyshortcuts={String(rating)}
          onClick={() => onRate(rating)}
        >
          <kbd>{rating}</kbd> {RATING_LABELS[rating]}
          {rating === suggested ? <span className="sr-only"> (suggested)</span> : null}
        </button>
      ))}
    </fieldset>
  );
}
