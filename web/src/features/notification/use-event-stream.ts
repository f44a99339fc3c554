import { useEffect, useState } from 'react';

/**
 * The latest message of a server-sent event stream (same origin: the CSP's connect-src 'self' allows it), or null
 * until the first arrives. The browser reconnects by itself after a dropped connection.
 */
export function useEventStream<T>(url: string | null): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url, { withCredentials: true });
    source.onmessage = (event: MessageEvent<string>) => setData(JSON.parse(event.data) as T);
    return () => source.close();
  }, [url]);
  return data;
}
