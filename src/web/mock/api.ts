import type {
  Mock,
  MockAnswerAnswer,
  MockAnswerBody,
  MockList,
  MockSetupBody,
} from "../../api/mocks.ts";
import { api } from "../api/client.ts";

/** The mock endpoints (docs/mocks.md), typed. */

export const startMock = (setup: MockSetupBody) =>
  api<Mock>("/api/mocks", { method: "POST", body: setup });

export const getMock = (id: string, signal?: AbortSignal) =>
  api<Mock>(`/api/mocks/${encodeURIComponent(id)}`, signal ? { signal } : {});

export const answerMock = (id: string, body: MockAnswerBody) =>
  api<MockAnswerAnswer>(`/api/mocks/${encodeURIComponent(id)}/answers`, {
    method: "POST",
    body,
  });

export const finishMock = (id: string) =>
  api<Mock>(`/api/mocks/${encodeURIComponent(id)}/finish`, { method: "POST", body: {} });

export const pauseMock = (id: string, pause: boolean) =>
  api<Mock>(`/api/mocks/${encodeURIComponent(id)}/${pause ? "pause" : "resume"}`, {
    method: "POST",
    body: {},
  });

export const listMocks = (query = "") => api<MockList>(`/api/mocks${query}`);
