import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TMe } from '@yingji/domain/org/org.schema';
import type { TPermission } from '@yingji/domain/org/org.policy';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { authApi } from '../api/org.api';
import { ME_KEY } from './query-client';

/**
 * The signed-in user, or null when nobody is signed in. Asked of the public /api/auth/session, which answers 200
 * with null for a visitor, so the login page makes no failing request (no 401 in the console).
 */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<TMe | null> => {
      try {
        return (await authApi.session()).me;
      } catch (e) {
        // a session that lapsed between the answer and a later call still reads as signed out
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    meta: { authFlow: true },
    staleTime: 60_000,
  });
}

/** The signed-in user, for pages rendered behind the guard (which guarantees one). */
export function useCurrentMe(): TMe {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentMe outside the signed-in area');
  return data;
}

export const mustChangePassword = (me: TMe): boolean => me.user.mustChangePassword || me.passwordExpired;

/** Whether the server granted this permission; the UI only hides what the server would refuse anyway. */
export function useCan(): (permission: TPermission) => boolean {
  const { data } = useMe();
  return (permission) => data?.permissions.includes(permission) ?? false;
}

/** Start a fresh session in the page: forget everything cached for the previous user. */
export function useAcceptSession(): (me: TMe) => void {
  const queryClient = useQueryClient();
  return (me) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, me);
  };
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: authApi.logout,
    meta: { authFlow: true },
    onSettled: () => {
      // even if the server could not be reached, the page forgets the session and its data
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      void navigate('/login', { replace: true });
    },
  });
}
