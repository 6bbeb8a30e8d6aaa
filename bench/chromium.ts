import { chromium, type Browser } from 'playwright-core';
import { systemChromium } from '../test/systemChromium';

/** The system's Chromium, set up for the browser benchmarks. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    ...systemChromium,
    headless: true,
    // Memory figures need precise heap sizes and a GC the page can trigger.
    args: [...systemChromium.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): { min: number; median: number; max: number } {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values) };
}
