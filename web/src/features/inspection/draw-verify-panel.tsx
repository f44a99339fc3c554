import { SafetyCertificateOutlined } from '@ant-design/icons';
import { verifyDraw } from '@yingji/domain/inspection/draw.rules';
import type { TDrawInputs } from '@yingji/domain/inspection/draw.schema';
import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';

/**
 * Reruns the draw in this browser with the same domain function the server used: checks SHA-256(seed) against
 * the commitment, both list hashes, then every target and its inspectors. Nothing is taken on trust.
 */
export function DrawVerifyPanel({ load, inputsUrl, drawId }: { load: () => Promise<TDrawInputs>; inputsUrl: string; drawId: number }) {
  const [state, setState] = useState<{ running: boolean; result?: { ok: boolean; text: string } }>({ running: false });
  const run = async () => {
    setState({ running: true });
    try {
      const i = await load();
      if (!i.seed) return setState({ running: false, result: { ok: false, text: '种子尚未公开，无法复算' } });
      const started = performance.now();
      const r = verifyDraw({ ...i, seed: i.seed });
      const ms = Math.round(performance.now() - started);
      setState({
        running: false,
        result: r.ok
          ? {
              ok: true,
              text: `验证通过：SHA-256(种子) 与承诺值相符，两份名录哈希相符，在本浏览器复算 ${i.candidates.length} 家候选企业得到的 ${r.targets} 家企业及执法人员与公布结果完全一致（用时 ${ms} 毫秒）。`,
            }
          : { ok: false, text: `验证失败：${r.problem}` },
      });
    } catch (e) {
      setState({ running: false, result: { ok: false, text: `无法读取抽取数据：${(e as Error).message}` } });
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<SafetyCertificateOutlined />} onClick={() => void run()} loading={state.running} data-testid="draw-verify">
          在浏览器中复算验证
        </Button>
        <Button href={inputsUrl} download={`draw-${drawId}.json`}>
          下载冻结的输入（JSON）
        </Button>
      </Space>
      {state.result && (
        <Alert type={state.result.ok ? 'success' : 'error'} showIcon message={state.result.text} data-testid="draw-verify-result" />
      )}
      <Typography.Text type="secondary">
        也可在服务器上运行 <Typography.Text code>npm run yingji -- draw-verify {drawId}</Typography.Text>；算法：SHA-256
        计数器模式随机数、拒绝采样、按企业编号排序后的分层部分 Fisher–Yates 洗牌。
      </Typography.Text>
    </Space>
  );
}
