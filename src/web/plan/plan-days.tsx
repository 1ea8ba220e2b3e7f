import type { PlanJson } from "../../api/plan.ts";
import { plural } from "../lib/labels.ts";
import { dayLabel } from "./api.ts";

const KIND_LABELS = { learn: "Learn", review: "Review", mock: "Mock" } as const;

/** The day-by-day plan as a table: a screen reader reads each day as a row with its header. */
export function PlanDays({ plan }: { plan: PlanJson }) {
  return (
    <div data-testid="plan-days">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard must be able to scroll the table sideways on a phone */}
      <section className="table-scroll" tabIndex={0} aria-label="The plan, day by day">
        <table className="compact plan-days">
          <caption className="sr-only">The plan, one row per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Focus</th>
              <th scope="col">New</th>
              <th scope="col">Reviews</th>
              <th scope="col">Minutes</th>
            </tr>
          </thead>
          <tbody>
            {plan.days.map((day) => (
              <tr
                key={day.date}
                data-kind={day.kind}
                aria-current={day.index === 0 ? "date" : undefined}
              >
                <th scope="row">
                  {day.index === 0 ? "Today" : dayLabel(day.date)}
                  <span className="sr-only"> {day.date}</span>
                </th>
                <td>
                  <span className={`kind kind-${day.kind}`}>{KIND_LABELS[day.kind]}</span>
                  {day.mock ? (
                    <span className="muted small mock-detail">
                      {day.mock.label} mock, {day.mock.minutes} min
                    </span>
                  ) : null}
                </td>
                <td data-testid="day-new">{day.newCardIds.length}</td>
                <td>{day.expectedReviews}</td>
                <td>
                  {Math.round(day.minutes)} <span className="muted small">of {day.budget}</span>
                </td>
              </tr>
            ))}
            <tr className="interview-row">
              <th scope="row">{dayLabel(plan.interviewDate)}</th>
              <td colSpan={4}>
                <strong>Interview</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </section>
      <p className="muted small">
        {plural(plan.scope.placedNewCards, "new card")} of {plan.scope.newCards} planned, out of{" "}
        {plural(plan.scope.cards, "card")} in scope. Mocks:{" "}
        {plan.mocks.map((m) => `${m.label} ${dayLabel(m.date)}`).join(", ") || "none"}.
      </p>
    </div>
  );
}
