/** 省执法平台导出: the CSV export of cases in the documented layout, all or what changed since this browser's last export. */
import { CloudUploadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { caseExchangeApi } from '../../api/case.api';
import { bureauNow } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';

const CURSOR_KEY = 'yingji.case-export.cursor';

/**
 * 省执法平台导出: a CSV page of the documented layout (docs/case-exchange.md), from the start or from where the last
 * export of this browser ended (the server's cursor, kept here), so the next export carries only what changed.
 */
export function CaseExchangeExportButton() {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const run = async (incremental: boolean) => {
    setBusy(true);
    try {
      const { csv, nextCursor } = await caseExchangeApi.exportCsv(
        incremental ? (localStorage.getItem(CURSOR_KEY) ?? undefined) : undefined,
      );
      const url = URL.createObjectURL(csv);
      const a = document.createElement('a');
      a.href = url;
      a.download = `cases-${bureauNow().format('YYYYMMDD-HHmmss')}.csv`;
      a.click();
      URL.revokeObjectURL(url);
      if (nextCursor) localStorage.setItem(CURSOR_KEY, nextCursor);
      void message.success(incremental ? '已导出自上次导出以来变更的案件' : '已导出案件');
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'all', label: '全部导出（CSV）' },
          { key: 'inc', label: '增量导出（自上次导出）' },
        ],
        onClick: ({ key }) => void run(key === 'inc'),
      }}
    >
      <Button icon={<CloudUploadOutlined />} loading={busy}>
        省平台导出
      </Button>
    </Dropdown>
  );
}
