/** Domain errors thrown anywhere in the server; the error handler maps each to problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly fieldErrors?: { path: string; message: string }[],
    /** The problem's machine-readable `code`, where one status covers several kinds. */
    readonly code?: string,
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string, fieldErrors?: { path: string; message: string }[]) {
    super(400, 'Bad request', detail, fieldErrors);
  }
}

export class UnauthorisedError extends AppError {
  constructor(detail = 'Sign in to continue.') {
    super(401, 'Not signed in', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'Your role does not allow this.') {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends AppError {
  constructor(detail = 'Nothing exists at this address.') {
    super(404, 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, code?: string) {
    super(409, 'Conflict', detail, undefined, code);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail = 'The service is temporarily unavailable. Try again shortly.') {
    super(503, 'Service unavailable', detail);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'Too many requests', detail);
  }
}
