import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { ApiError } from './apiClient';
import { createQueryClient, shouldRetry } from './queryClient';

const refused = () => new ApiError({ kind: 'http', status: 400, title: 'Bad request' });

function Page({ queryFn }: { queryFn: () => Promise<string> }) {
  const query = useQuery({ queryKey: ['page'], queryFn });
  return <p>{query.isError ? 'failed' : query.isPending ? 'loading' : query.data}</p>;
}

describe('the query client (issue 13)', () => {
  it('never retries a refusal (4xx), and retries a fault or no answer at most twice', () => {
    expect(shouldRetry(0, refused())).toBe(false);
    expect(shouldRetry(0, new ApiError({ kind: 'http', status: 404, title: 'Not found' }))).toBe(false);
    expect(shouldRetry(0, new ApiError({ kind: 'http', status: 503, title: 'Unavailable' }))).toBe(true);
    expect(shouldRetry(0, new ApiError({ kind: 'network', status: 0, title: 'No answer' }))).toBe(true);
    expect(shouldRetry(2, new ApiError({ kind: 'network', status: 0, title: 'No answer' }))).toBe(false);
  });

  it('does not send a refused request again when the page mounts after the route prefetched it', async () => {
    const queryClient = createQueryClient();
    let sent = 0;
    const queryFn = () => {
      sent += 1;
      return Promise.reject(refused());
    };
    await queryClient.prefetchQuery({ queryKey: ['page'], queryFn });
    expect(sent).toBe(1);
    render(
      <QueryClientProvider client={queryClient}>
        <Page queryFn={queryFn} />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('failed')).toBeVisible();
    expect(sent).toBe(1);
  });
});
