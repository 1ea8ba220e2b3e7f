/** A thin fetch wrapper: JSON in, JSON out, and errors that carry the server's reason. */
import { reportResponse, reportUnreachable } from "../lib/connectivity.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { field: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Thrown when the server could not be reached at all (offline, restarting). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("the server could not be reached", { cause });
    this.name = "NetworkError";
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  // A file the user chose goes as it is (a large progress file is not parsed and re-encoded).
  const raw = init.body instanceof Blob;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      body: init.body === undefined ? null : raw ? (init.body as Blob) : JSON.stringify(init.body),
      credentials: "same-origin",
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    reportUnreachable();
    throw new NetworkError(error);
  }
  reportResponse(response);
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const body = (data ?? {}) as {
      error?: string;
      message?: string;
      details?: { field: string; reason: string }[];
    };
    throw new ApiError(
      response.status,
      body.error ?? body.message ?? `${response.status} ${response.statusText}`,
      body.details ?? [],
    );
  }
  return data as T;
}

/** Query strings with repeated keys, as the API takes `level=a&level=b`. */
export function query(params: Record<string, string | number | readonly string[] | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, item);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
