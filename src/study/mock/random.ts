import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded source of integers: the same seed gives the same sequence on every machine. */
export interface Random {
  /** An integer in `from..to`, both included. */
  int(from: number, to: number): number;
}

/** xoroshiro128+ (pure-rand): a fixed algorithm, so a seed keeps its plan across upgrades. */
export function seededRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed | 0);
  return { int: (from, to) => uniformInt(rng, from, to) };
}

/** A copy of `items` in an order decided by `random` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
