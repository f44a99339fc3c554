import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FIRE_IMPORT_MAX_BYTES } from '@yingji/domain/fire/fire.contract';
import { Alert, Button, Modal, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { fireApi } from '../../api/fire.api';
import { FIRE_KEYS } from './fire-data';

/**
 * The registry's Excel import: the sheet exported here (one row per channel with its site's columns), edited and
 * sent back; by code, new sites and channels are added and known ones updated. A sheet with any bad row is not
 * imported at all, and every bad row is listed.
 */
export function RegistryImport({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const send = useMutation({
    mutationFn: (f: File) => fireApi.importRegistry(f),
    onSuccess: async (r) => {
      if (!r.problems.length) await qc.invalidateQueries({ queryKey: FIRE_KEYS.all });
    },
  });
  const result = send.data;
  const tooBig = file !== null && file.size > FIRE_IMPORT_MAX_BYTES;
  return (
    <Modal
      open
      title="导入监控点与通道（Excel）"
      onCancel={onClose}
      footer={
        result && !result.problems.length ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" disabled={!file || tooBig} loading={send.isPending} onClick={() => file && send.mutate(file)}>
              导入
            </Button>
          </>
        )
      }
      destroyOnHidden
    >
      {result && !result.problems.length ? (
        <Result status="success" title="导入完成" subTitle={`${result.sites} 个监控点、${result.channels} 个通道已新增或更新`} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            请先“导出 Excel”，在导出的表格上增改后导入：每行一个通道，带其监控点的列；按监控点编号和通道编号新增或更新，
            表中没有的不会删除。通道类型填“可见光”或“热成像”，朝向按正北 0 度顺时针。有问题的行会逐行列出，整张表都不导入。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              send.reset();
              return false;
            }}
            onRemove={() => {
              setFile(null);
              send.reset();
            }}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            data-testid="fire-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>点击或拖入 .xlsx / .csv 文件（不超过 10 MB）</p>
          </Upload.Dragger>
          {tooBig ? <Alert type="error" showIcon title="文件超过 10 MB" style={{ marginTop: 12 }} /> : null}
          {send.error ? <Alert type="error" showIcon title={send.error.message} style={{ marginTop: 12 }} /> : null}
          {result?.problems.length ? (
            <>
              <Alert
                type="error"
                showIcon
                title={`有 ${result.problems.length} 行有问题，整张表未导入。请改正后重新导入`}
                style={{ margin: '12px 0' }}
              />
              <Table
                size="small"
                rowKey={(p) => `${p.row}-${p.message}`}
                dataSource={result.problems}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                data-testid="fire-import-problems"
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}
        </>
      )}
    </Modal>
  );
}
