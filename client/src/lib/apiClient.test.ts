import { meResponseSchema } from '@kpi/shared';
import { HttpResponse, http } from 'msw';
import { meFixture, problemFixture } from '../testing/fixtures';
import { api, problemResponse } from '../testing/http';
import { server } from '../testing/server';
import { ApiError, apiFetch, apiSend } from './apiClient';

describe('apiFetch', () => {
  it('returns the parsed body and sends JSON with same-origin credentials', async () => {
    let seen: Request | undefined;
    server.use(
      http.post(api('/api/auth/login'), ({ request }) => {
        seen = request;
        return HttpResponse.json(meFixture('viewer'));
      }),
    );

    const me = await apiFetch('/api/auth/login', meResponseSchema, {
      method: 'POST',
      body: { username: 'a', password: 'b' },
    });

    expect(me.user.role).toBe('viewer');
    expect(seen?.headers.get('content-type')).toBe('application/json');
    expect(seen?.credentials).toBe('same-origin');
    expect(await seen?.json()).toEqual({ username: 'a', password: 'b' });
  });

  it('turns a problem+json response into an ApiError with its fields', async () => {
    server.use(
      http.get(api('/api/auth/me'), () =>
        problemResponse(
          problemFixture(400, 'Bad Request', {
            detail: 'The request is not valid',
            requestId: 'req-abc',
            errors: [{ path: 'username', message: 'Enter your username' }],
          }),
        ),
      ),
    );

    const error = await apiFetch('/api/auth/me', meResponseSchema).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      title: 'Bad Request',
      detail: 'The request is not valid',
      requestId: 'req-abc',
      fieldErrors: [{ path: 'username', message: 'Enter your username' }],
      isServiceProblem: false,
    });
  });

  it('keeps the request id header when an error is not a problem document', async () => {
    server.use(
      http.get(
        api('/api/overview'),
        () =>
          new HttpResponse('<h1>Bad gateway</h1>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'req-proxy' },
          }),
      ),
    );

    const error = await apiFetch('/api/overview', meResponseSchema).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'http', status: 502, requestId: 'req-proxy', isServiceProblem: true });
  });

  it('rejects a response that does not match the contract', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.json({ user: { id: 'not a number' } })));

    const error = await apiFetch('/api/auth/me', meResponseSchema).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'invalid-response', status: 200, isServiceProblem: true });
  });

  it('reports a request that got no answer as a network error', async () => {
    server.use(http.get(api('/api/auth/me'), () => HttpResponse.error()));

    const error = await apiFetch('/api/auth/me', meResponseSchema).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'network', status: 0 });
  });
});

describe('apiSend', () => {
  it('accepts 204 and sends no content type without a body', async () => {
    let contentType: string | null = 'unset';
    server.use(
      http.post(api('/api/auth/logout'), ({ request }) => {
        contentType = request.headers.get('content-type');
        return new HttpResponse(null, { status: 204 });
      }),
    );

    await expect(apiSend('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    expect(contentType).toBeNull();
  });
});
