import type { Level } from "../../api/types.ts";
import { LEVELS } from "../../api/types.ts";
import { useApp } from "../app-context.tsx";
import type { StudyFilters } from "../lib/filters.ts";
import { LEVEL_LABELS } from "../lib/labels.ts";

/** Level checkboxes and a topic picker; an empty choice means "all". */
export function FilterBar({
  value,
  onChange,
}: {
  value: StudyFilters;
  onChange: (next: StudyFilters) => void;
}) {
  const { topics } = useApp();
  const toggleLevel = (level: Level) =>
    onChange({
      ...value,
      levels: value.levels.includes(level)
        ? value.levels.filter((l) => l !== level)
        : [...value.levels, level],
    });
  return (
    <div className="filters">
      <fieldset>
        <legend>Levels</legend>
        {LEVELS.map((level) => (
          <label key={level} className="check">
            <input
              type="checkbox"
              checked={value.levels.includes(level)}
              onChange={() => toggleLevel(level)}
            />
            {LEVEL_LABELS[level]}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Topic</span>
        <select
          value={value.topics[0] ?? ""}
          onChange={(event) =>
            onChange({ ...value, topics: event.target.value ? [event.target.value] : [] })
          }
        >
          <option value="">All topics</option>
          {topics?.topics.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.title} ({topic.count})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
