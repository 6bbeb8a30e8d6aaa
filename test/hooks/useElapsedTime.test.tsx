import { renderHook } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useElapsedTime } from '../../src/hooks/useElapsedTime';
import { flush } from './renderWithClient';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useElapsedTime', () => {
  it('ticks every interval since the given time', async () => {
    const since = Date.now() - 2500;
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useElapsedTime(since, { intervalMs: 1000 });
    });
    expect(result.current).toBe(2500);
    await flush(1000);
    expect(result.current).toBe(3500);
    await flush(3000);
    expect(result.current).toBe(6500);
    expect(renders).toBeLessThanOrEqual(1 + 1 + 4);
  });

  it('is 0 without a start, and does not tick', async () => {
    const { result } = renderHook(() => useElapsedTime(undefined));
    expect(result.current).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops ticking when not running and clears its timer on unmount', async () => {
    const since = Date.now();
    const { result, rerender, unmount } = renderHook(({ running }) => useElapsedTime(since, { running }), {
      initialProps: { running: true },
    });
    await flush(2000);
    expect(result.current).toBe(2000);
    rerender({ running: false });
    await flush(5000);
    expect(result.current).toBe(2000);
    rerender({ running: true });
    await flush(1000);
    expect(result.current).toBe(8000);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renders 0 on the server', () => {
    function Elapsed() {
      return createElement('span', null, useElapsedTime(Date.now() - 5000));
    }
    expect(renderToString(createElement(Elapsed))).toBe('<span>0</span>');
  });
});
