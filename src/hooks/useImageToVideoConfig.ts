import { useContext } from 'react';
import { createProxyTransport } from '../core/createProxyTransport';
import type { ImageToVideoTransport } from '../core/ImageToVideoTransport';
import { ImageToVideoConfigContext, type ImageToVideoConfig } from './ImageToVideoConfigContext';

let defaultConfig: ImageToVideoConfig | undefined;

/** The proxy transport holds no state, so one shared instance serves every provider-less hook. */
function getDefaultConfig(): ImageToVideoConfig {
  if (!defaultConfig) {
    const transport: ImageToVideoTransport = createProxyTransport();
    defaultConfig = { transport, imageMode: 'upload' };
  }
  return defaultConfig;
}

/**
 * The nearest `ImageToVideoProvider`'s config. Outside a provider: the proxy transport on
 * `/api/wavespeed`, the default poll schedule, and `imageMode: 'upload'`.
 */
export function useImageToVideoConfig(): ImageToVideoConfig {
  return useContext(ImageToVideoConfigContext) ?? getDefaultConfig();
}
