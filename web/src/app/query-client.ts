import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { TMe } from '@yingji/domain/org/org.schema';
import { isApiError } from '../api/client';

export const ME_KEY = ['auth', 'me'] as const;

/**
 * Any 401 ends the session in the page (the guard then shows the login page); a 403 `password_expired`
 * marks the password as expired (the guard then shows the change-password page).
 */
function onApiError(error: unknown, meta: Record<string, unknown> | undefined): void {
  if (!isApiError(error) || meta?.['authFlow']) return;
  if (error.code === 'unauthenticated') {
    queryClient.setQueryData<TMe | null>(ME_KEY, null);
  } else if (error.code === 'password_expired') {
    queryClient.setQueryData<TMe | null>(ME_KEY, (me) => (me ? { ...me, passwordExpired: true } : me));
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onApiError(error, query.meta) }),
  mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => onApiError(error, mutation.meta) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a refusal will not change on retry; only network trouble and 5xx are worth another try
      retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});
