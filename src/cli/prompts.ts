import { isCancel, multiline, selectKey } from "@clack/prompts";
import { RATINGS, type Rating } from "../study/types.ts";
import { Interrupted } from "./errors.ts";

/**
 * The prompts a session uses, on @clack/prompts. Ctrl-C (or Escape) at any prompt
 * becomes `Interrupted`, so the caller stops where it is with everything already
 * saved; an aborted `signal` (the mock's clock) ends the prompt the same way.
 */

export interface PromptOptions {
  signal?: AbortSignal;
  /** Shown before the message on every redraw: the mock's time left. */
  status?: () => string;
}

/** A prompt's message, or a function giving it afresh on every redraw (the mock's clock). */
export type Message = string | (() => string);

/**
 * clack interpolates the message into every frame it draws, so an object whose string
 * form is computed on the spot redraws with the current value (a countdown) each time
 * the prompt renders; see `Countdown`, which makes it render every second.
 */
function messageOf(message: Message, status?: () => string): string {
  if (typeof message === "string" && !status) return message;
  const text = () => {
    const body = typeof message === "string" ? message : message();
    return status ? `${status()}  ${body}` : body;
  };
  return { toString: text } as unknown as string;
}

/** Free text over several lines; Enter on an empty line submits. */
export async function askAnswer(message: Message, options: PromptOptions = {}): Promise<string> {
  const value = await multiline({
    message: messageOf(message, options.status),
    ...signalOf(options),
  });
  if (isCancel(value)) throw new Interrupted();
  return value ?? "";
}

/**
 * Exact text over several lines, blank lines included (program output has them), so
 * Enter always adds a line: Tab moves to the submit button, Enter there submits.
 */
export async function askOutput(message: Message, options: PromptOptions = {}): Promise<string> {
  const value = await multiline({
    message: messageOf(message, options.status),
    showSubmit: true,
    ...signalOf(options),
  });
  if (isCancel(value)) throw new Interrupted();
  return value ?? "";
}

export interface KeyChoice<K extends string> {
  key: K;
  label: string;
}

/** One key press picks a choice; Enter picks `preferred` when there is one. */
export async function askKey<K extends string>(
  message: Message,
  choices: readonly KeyChoice<K>[],
  preferred?: K,
  options: PromptOptions = {},
): Promise<K> {
  for (;;) {
    const value = await selectKey<K>({
      message: messageOf(message, options.status),
      options: choices.map((choice) => ({ value: choice.key, label: choice.label })) as Parameters<
        typeof selectKey<K>
      >[0]["options"],
      ...(preferred ? { initialValue: preferred } : {}),
      ...signalOf(options),
    });
    if (isCancel(value)) throw new Interrupted();
    // selectKey submits on Enter without a value: that is "take the preferred one".
    if (value !== undefined) return value;
    if (preferred) return preferred;
  }
}

export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  again: "Again",
  hard: "Hard",
  good: "Good",
  easy: "Easy",
};

type RatingKey = "1" | "2" | "3" | "4";
const RATING_CHOICES: KeyChoice<RatingKey>[] = RATINGS.map((rating, i) => ({
  key: String(i + 1) as RatingKey,
  label: RATING_LABELS[rating],
}));

/** Again/Hard/Good/Easy by 1-4; Enter takes the suggested rating. */
export async function askRating(suggested?: Rating, options: PromptOptions = {}): Promise<Rating> {
  const answer = await askRatingOr(suggested, [], options);
  return "rating" in answer ? answer.rating : (suggested ?? "good");
}

/** A rating by 1-4, or one of `actions` by its key; Enter takes the suggested rating. */
export async function askRatingOr<A extends string>(
  suggested: Rating | undefined,
  actions: readonly KeyChoice<A>[],
  options: PromptOptions = {},
): Promise<{ rating: Rating } | { action: A }> {
  const preferred = suggested ? (String(RATINGS.indexOf(suggested) + 1) as RatingKey) : undefined;
  const message = suggested
    ? `How well did you know it? (Enter: ${RATING_LABELS[suggested]})`
    : "How well did you know it?";
  const key = await askKey<RatingKey | A>(
    message,
    [...RATING_CHOICES, ...actions],
    preferred,
    options,
  );
  const index = (["1", "2", "3", "4"] as string[]).indexOf(key);
  const rating = RATINGS[index];
  return rating ? { rating } : { action: key as A };
}

function signalOf(options: PromptOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}
