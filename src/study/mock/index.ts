export { type AnswerSubmission, type GradingQuestion, gradeSubmission } from "./answers.ts";
export {
  ANSWER_GRACE_MS,
  answerRefusal,
  deadlineMs,
  elapsedMs,
  endingAt,
  expiresAtMs,
  expiryEnding,
  PAUSE_EXPIRY_MS,
  remainingMs,
  TIME_UP_TOLERANCE_MS,
  timeLimitMs,
} from "./clock.ts";
export {
  addAnswer,
  expireMock,
  finishMock,
  type KeyPointTexts,
  type MockChange,
  pauseMock,
  resumeMock,
  startMock,
} from "./lifecycle.ts";
export {
  eligibleQuestions,
  type PlanInput,
  planMock,
  RECENT_MOCKS,
  WEAK_TOPIC_WEIGHT,
} from "./planner.ts";
export { plannerQuestions } from "./questions.ts";
export { type Random, seededRandom, shuffled } from "./random.ts";
export { dueNowState } from "./review-queue.ts";
export { itemScore, PASS_SCORE, type ScoreInput, scoreMock } from "./scoring.ts";
export * from "./types.ts";
