import { notifyManager } from '@tanstack/react-query';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { measureRenders } from '../../bench/renders/measureRenders';
import { loadableImages } from './loadableImages';

notifyManager.setScheduler(queueMicrotask);

beforeEach(() => {
  loadableImages();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

it('renders nothing for a poll that brings the same status, and each compound part at most once per status change', async () => {
  const counts = await measureRenders({ next: () => vi.advanceTimersToNextTimerAsync().then(() => undefined) });
  expect(counts.unchangedPolls).toBeGreaterThan(5);
  expect(counts.commitsOnUnchangedPolls).toEqual({});
  expect(counts.statusChanges.map((c) => c.to)).toEqual(['processing', 'completed']);
  // Every compound part is counted (a status change reaches each through the Root's context), so
  // "at most once" is checked for each rather than passing over a part the Profilers missed.
  const parts = ['cancel', 'duration', 'image', 'player', 'progress', 'prompt', 'size', 'status', 'submit'];
  for (const change of counts.statusChanges) {
    expect(Object.keys(change.commits).sort()).toEqual(parts);
    for (const n of Object.values(change.commits)) expect(n).toBeLessThanOrEqual(1);
  }
});
