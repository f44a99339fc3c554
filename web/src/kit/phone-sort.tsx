import { Select } from 'antd';

export interface TSortChoice<K extends string> {
  sort: K;
  order: 'asc' | 'desc';
  label: string;
}

/**
 * A list's order on a phone, where the table's column arrows are not shown: one select of the list's useful orders,
 * written to the address like the arrows (`sort`, `order`). The first choice is the list's default.
 */
export function PhoneSort<K extends string>({
  choices,
  sort,
  order,
  onChange,
}: {
  choices: readonly TSortChoice<K>[];
  sort: K | undefined;
  order: 'asc' | 'desc' | undefined;
  onChange: (next: { sort: K; order: 'asc' | 'desc' }) => void;
}) {
  const first = choices[0]!;
  const valueOf = (c: { sort: K; order: 'asc' | 'desc' }) => `${c.sort}:${c.order}`;
  return (
    <Select
      aria-label="排序"
      className="phone-sort"
      style={{ width: '100%', marginBottom: 12 }}
      value={valueOf({ sort: sort ?? first.sort, order: order ?? first.order })}
      options={choices.map((c) => ({ value: valueOf(c), label: c.label }))}
      onChange={(v: string) => {
        const choice = choices.find((c) => valueOf(c) === v);
        if (choice) onChange({ sort: choice.sort, order: choice.order });
      }}
    />
  );
}
