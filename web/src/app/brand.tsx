/** The platform's mark: a shield with a cross, in the emergency services' red. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#c8102e" />
      <path d="M32 12 50 20v12c0 11-7.6 18.6-18 22-10.4-3.4-18-11-18-22V20z" fill="#fff" />
      <path d="M29 24h6v8h8v6h-8v8h-6v-8h-8v-6h8z" fill="#c8102e" />
    </svg>
  );
}

export const PLATFORM_NAME = '应急管理综合监管平台';
