import { useImageToVideoConfig } from '../hooks/index';
import { defaultLabels, type ImageToVideoLabels } from './defaultLabels';

/**
 * Every string a part shows: the English defaults, overridden by the nearest
 * `ImageToVideoProvider`'s `labels`, overridden by `overrides` (the part's own `labels` prop).
 * For parts of your own that should speak the same language as ours.
 */
export function useLabels(overrides?: Partial<ImageToVideoLabels>): ImageToVideoLabels {
  const fromProvider = useImageToVideoConfig().labels;
  return { ...defaultLabels, ...fromProvider, ...overrides };
}
