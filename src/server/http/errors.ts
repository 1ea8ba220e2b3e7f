import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ErrorDetail {
  field: string;
  reason: string;
}

/** An answer other than 2xx that the client caused or must handle; becomes `{error, details}`. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;
  constructor(
    status: ContentfulStatusCode,
    message: string,
    details: ErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(400, message, details);
export const notFound = (message = "not found") => new ApiError(404, message);
export const unauthorized = () => new ApiError(401, "sign in first");
export const forbidden = (message: string) => new ApiError(403, message);
