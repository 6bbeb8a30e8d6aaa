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

it('renders nothing for a poll that brings the same status, and each part at most once per status change', async () => {
  const counts = await measureRenders({ next: () => vi.advanceTimersToNextTimerAsync().then(() => undefined) });
  expect(counts.unchangedPolls).toBeGreaterThan(5);
  expect(counts.commitsOnUnchangedPolls).toEqual({});
  expect(counts.statusChanges.map((c) => c.to)).toEqual(['processing', 'completed']);
  for (const change of counts.statusChanges) {
    for (const n of Object.values(change.commits)) expect(n).toBeLessThanOrEqual(1);
  }
});
