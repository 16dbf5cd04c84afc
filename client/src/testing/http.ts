import type { Problem } from '@kpi/shared';
import { HttpResponse } from 'msw';

/** Same-origin API URL as the client builds it under jsdom. */
export const api = (path: string) => new URL(path, window.location.origin).toString();

export function problemResponse(problem: Problem) {
  return HttpResponse.json(problem, {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
