import { useMemo } from 'react';
import { useOfficers } from '../../kit';
import { useCurrentMe } from '../../app/auth';

/** Who may be a reviewer: this user and the certified officers of the pool, by id → name. */
export function useReviewerOptions() {
  const me = useCurrentMe();
  const officers = useOfficers();
  return useMemo(() => {
    const options = [
      { value: me.user.id, label: `${me.user.displayName}（本人）` },
      ...(officers.data ?? []).filter((o) => o.userId !== me.user.id).map((o) => ({ value: o.userId, label: o.displayName })),
    ];
    return { options, names: new Map(options.map((o) => [o.value, o.label.replace('（本人）', '')])), isFetching: officers.isFetching };
  }, [me.user.id, me.user.displayName, officers.data, officers.isFetching]);
}
