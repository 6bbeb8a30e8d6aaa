import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import type { ImageToVideoError } from '../core/ImageToVideoError';
import { runOptimization, type OptimizationVariables } from './runOptimization';

const OPTIMIZE_MUTATION_KEY = ['react-image-to-video', 'optimize-prompt'] as const;

/**
 * The prompt optimizer as a react-query mutation, created on the first call with the code it runs
 * (see loadJobSteps), so neither is in a page's first load. Never retried: each call is billed.
 */
export function createOptimizationMutation(client: QueryClient): MutationObserver<string, ImageToVideoError, OptimizationVariables> {
  return new MutationObserver(client, {
    mutationKey: OPTIMIZE_MUTATION_KEY,
    mutationFn: runOptimization,
    retry: false,
    networkMode: 'always',
    gcTime: 0,
  });
}
