import { loadConfig } from './config';
import { startServer } from './server';

try {
  const server = await startServer(loadConfig());
  const stop = async (signal: string) => {
    console.log(`[yingji] 收到 ${signal}，正在停止…`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (e) {
  console.error(`[yingji] 启动失败：${(e as Error).message}`);
  process.exit(1);
}
