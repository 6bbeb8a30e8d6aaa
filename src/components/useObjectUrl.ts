import { useEffect, useState } from 'react';

/**
 * An object URL for a blob, created after mount (never on the server) and revoked when the blob
 * changes or the component unmounts.
 */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [entry, setEntry] = useState<{ blob: Blob; url: string }>();
  useEffect(() => {
    if (!blob || typeof URL.createObjectURL !== 'function') return;
    const url = URL.createObjectURL(blob);
    // The URL is an external resource with a lifetime; the effect is where it can be revoked.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setEntry({ blob, url });
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  // A stale URL (from the previous blob) is never shown, even for the render before the effect.
  return entry && entry.blob === blob ? entry.url : undefined;
}
