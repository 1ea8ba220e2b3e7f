import { LEVELS, type Level } from "../../content/schema.ts";
import { LEVEL_TITLES } from "../labels.ts";
import { stableId } from "./ids.ts";

/** The parent deck; each level is a child (`PyPrep::Fresher`). */
export const PARENT_DECK = "PyPrep";

export interface DeckSpec {
  id: number;
  /** Anki's full name, `::` between parent and child. */
  name: string;
  description: string;
}

/** Ids come from the level, never from the title, so renaming a deck in Anki keeps it. */
export function levelDeck(level: Level): DeckSpec {
  return {
    id: stableId(`deck:${level}`),
    name: `${PARENT_DECK}::${LEVEL_TITLES[level]}`,
    description: `PyPrep's ${LEVEL_TITLES[level].toLowerCase()} questions and predict-the-output drills. Every code example and expected output in it is run and checked on every PyPrep build.`,
  };
}

export const parentDeck: DeckSpec = {
  id: stableId("deck:parent"),
  name: PARENT_DECK,
  description: "Python interview questions from PyPrep, one sub-deck per level.",
};

/** The parent and the decks of the levels present, parents first (Anki adds them in order). */
export function decksFor(levels: Iterable<Level>): DeckSpec[] {
  const present = new Set(levels);
  return [parentDeck, ...LEVELS.filter((level) => present.has(level)).map(levelDeck)];
}
