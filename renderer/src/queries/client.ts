import { QueryClient } from '@tanstack/react-query';
import { OperatorFailure } from '../bridge/client';

/** Retry only what main marked retryable (network, 5xx); a 403 or 404 will not heal by retrying. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => count < 2 && error instanceof OperatorFailure && error.error.retryable,
      },
      mutations: { retry: false },
    },
  });
}
