import { useState } from "react";
import type { Rating } from "../../api/types.ts";
import type { ExerciseGrade } from "../../study/grading/exercise.ts";
import { defaultRating } from "../../study/rating.ts";
import { ExerciseView } from "../components/exercise-view.tsx";
import { capitalise, InlineCode } from "../components/inline-code.tsx";
import { RATING_LABELS, RatingBar, ratingFromName } from "../components/rating-bar.tsx";
import { announce } from "../lib/announce.ts";
import { LEVEL_LABELS } from "../lib/labels.ts";
import type { CardProps } from "./types.ts";

/**
 * Wrong → Again. Right at the first Submit → Good, or Easy when fast (the study engine's
 * rule). Right only after failed Submits → Hard: it took attempts, so Easy would overstate
 * it, and the next review should come sooner.
 */
export function suggestExerciseRating(correct: boolean, ms: number, failedBefore: number): Rating {
  if (correct && failedBefore > 0) return ratingFromName("hard");
  return ratingFromName(defaultRating({ kind: "exercise", correct, durationMs: ms }));
}

/** An exercise in a session: Submit grades it; the rating defaults from the grade. */
export function ExerciseCard({ card, question, onRate, elapsedMs }: CardProps) {
  const exercise = question.exercises.find((e) => e.key === card.key);
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [graded, setGraded] = useState<{
    grade: ExerciseGrade;
    ms: number;
    suggested: Rating;
  } | null>(null);
  if (!exercise) return <p role="alert">This exercise is no longer in the bank.</p>;
  const canRun = exercise.runsOn !== "cpython";
  return (
    <article className="card exercise-card" aria-labelledby="card-title" data-kind="exercise">
      <p className="kicker">Exercise · {LEVEL_LABELS[question.level]}</p>
      <h2 id="card-title">
        <InlineCode text={capitalise(exercise.title)} />
      </h2>
      <ExerciseView
        exercise={exercise}
        globalShortcuts
        onGraded={(grade) => {
          const ms = elapsedMs();
          const suggested = suggestExerciseRating(grade.correct, ms, failedSubmits);
          if (!grade.correct) setFailedSubmits((n) => n + 1);
          setGraded({ grade, ms, suggested });
          announce(`Suggested rating: ${RATING_LABELS[suggested]}.`);
        }}
      />
      {graded || !canRun ? (
        <RatingBar
          suggested={graded?.suggested}
          autoFocus={!graded || graded.grade.correct}
          onRate={(rating) =>
            onRate(
              rating,
              graded
                ? {
                    kind: "exercise",
                    correct: graded.grade.correct,
                    passed: graded.grade.passed,
                    total: graded.grade.total,
                  }
                : undefined,
              graded?.ms,
            )
          }
        />
      ) : (
        <p className="hint keys">
          Submit (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd>) runs the hidden tests; then
          rate yourself.
        </p>
      )}
    </article>
  );
}
