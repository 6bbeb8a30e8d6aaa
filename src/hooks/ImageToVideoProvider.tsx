import { useMemo, type ReactNode } from 'react';
import { createProxyTransport } from '../core/createProxyTransport';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import type { PollScheduleOptions } from '../core/pollSchedule';
import type { ImageMode } from '../core/ImageMode';
import { resolveImageMode } from '../core/resolveImageMode';
import type { ImageToVideoLabels } from '../components/defaultLabels';
import { ImageToVideoConfigContext, type ImageToVideoConfig } from './ImageToVideoConfigContext';

export interface ImageToVideoProviderProps {
  /** How requests reach WaveSpeed. Default `createProxyTransport()` (the proxy on `/api/wavespeed`), created once. */
  transport?: ImageToVideoTransport;
  /** Poll timing, deadline and stall limits. Default `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  /** Default `'upload'`; `'data-uri'` is used whenever the transport has no `upload`. */
  imageMode?: ImageMode;
  /**
   * Replaces any of the English strings in every component below (a translation, or your own
   * wording); a component's own `labels` prop overrides these in turn. Default: none (English).
   */
  labels?: Partial<ImageToVideoLabels>;
  children?: ReactNode;
}

/**
 * Supplies the transport and options to the hooks and components below it. It does not create a
 * `QueryClient`: put it inside your app's `QueryClientProvider`. Optional: every hook also takes
 * an explicit `transport`.
 */
export function ImageToVideoProvider({ transport, schedule, imageMode, labels, children }: ImageToVideoProviderProps) {
  // Built once per provider (not per render), and only when the host brought none.
  const resolvedTransport = useMemo(() => transport ?? createProxyTransport(), [transport]);
  const value = useMemo<ImageToVideoConfig>(
    () => ({
      transport: resolvedTransport,
      schedule,
      imageMode: resolveImageMode(imageMode, resolvedTransport),
      labels,
    }),
    [resolvedTransport, schedule, imageMode, labels],
  );
  return <ImageToVideoConfigContext.Provider value={value}>{children}</ImageToVideoConfigContext.Provider>;
}
