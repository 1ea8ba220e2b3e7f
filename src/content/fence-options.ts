import { BACKENDS, type RunOptions, VERSION_PATTERN } from "./schema.ts";

/**
 * Reads the words after `python` in a fence (`runs-on=cpython timeout=10`). Returns the
 * options and, for each word it cannot accept, a message for the author.
 */
export function parseFenceOptions(meta: string | null | undefined): {
  options: RunOptions;
  errors: string[];
} {
  const options: RunOptions = {};
  const errors: string[] = [];
  for (const word of (meta ?? "").split(/\s+/).filter(Boolean)) {
    const [name, value] = word.split("=", 2);
    if (value === undefined || value === "") {
      errors.push(`code block attribute '${word}' must be written name=value`);
      continue;
    }
    switch (name) {
      case "runs-on":
        if ((BACKENDS as readonly string[]).includes(value)) {
          options.runsOn = value as RunOptions["runsOn"];
        } else errors.push(`runs-on=${value}: must be one of ${BACKENDS.join(", ")}`);
        break;
      case "requires-python":
        if (VERSION_PATTERN.test(value)) options.requiresPython = value;
        else errors.push(`requires-python=${value}: must be a version such as 3.12`);
        break;
      case "timeout": {
        const seconds = Number(value);
        if (Number.isFinite(seconds) && seconds > 0 && seconds <= 30)
          options.timeoutSeconds = seconds;
        else errors.push(`timeout=${value}: must be a number of seconds from 1 to 30`);
        break;
      }
      default:
        errors.push(
          `unknown code block attribute '${name}' (known: runs-on, requires-python, timeout)`,
        );
    }
  }
  return { options, errors };
}
