import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useCurrentMe } from '../../app/auth';
import { useTowns } from '../enterprise/enterprise-data';

/** The 镇街 filter of the hazard views: a town user sees only his own town, so he gets none. */
export function TownFilter({
  value,
  onChange,
  style = { width: 150 },
}: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  style?: CSSProperties;
}) {
  const me = useCurrentMe();
  const towns = useTowns();
  if (me.user.divisionCode.length >= 9) return null;
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部镇街"
      options={towns.options}
      value={value}
      onChange={onChange}
      style={style}
      aria-label="镇街"
    />
  );
}
