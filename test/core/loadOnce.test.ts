import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadOnce } from '../../src/core/loadOnce';

describe('loadOnce', () => {
  it('starts the load once and shares it with every caller', async () => {
    const load = vi.fn(() => Promise.resolve({ value: 1 }));
    const loaded = loadOnce(load);
    const [a, b] = await Promise.all([loaded(), loaded()]);
    expect(await loaded()).toBe(a);
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    const load = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce('module');
    const loaded = loadOnce(load);
    await expect(loaded()).rejects.toThrow(TypeError);
    expect(await loaded()).toBe('module');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('createProxyTransport loads its requests on first use', () => {
  afterEach(() => {
    vi.doUnmock('../../src/core/createProxyRequests');
    vi.resetModules();
  });

  it('answers a failed load as a network error, and loads again on the next call', async () => {
    vi.resetModules();
    vi.doMock('../../src/core/createProxyRequests', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const { createProxyTransport } = await import('../../src/core/createProxyTransport');
    // The class of this module graph: resetModules made a new one.
    const { ImageToVideoError } = await import('../../src/core/ImageToVideoError');
    const fetch = vi.fn(() => Promise.resolve(Response.json({ code: 200, message: 'success', data: { url: 'https://cdn.test/a.jpg' } })));
    const transport = createProxyTransport({ baseUrl: 'http://app.test/api/wavespeed', fetch });
    transport.preload?.();
    const failure = await transport.upload!(new Blob(['x'], { type: 'image/png' })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImageToVideoError);
    expect(failure).toMatchObject({ kind: 'network' });
    expect(fetch).not.toHaveBeenCalled();

    vi.doUnmock('../../src/core/createProxyRequests');
    expect(await transport.upload!(new Blob(['x'], { type: 'image/png' }))).toEqual({ url: 'https://cdn.test/a.jpg' });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('knows no push window before its code has loaded and answered', () => {
    return import('../../src/core/createProxyTransport').then(({ createProxyTransport }) => {
      expect(createProxyTransport().maxWaitMs?.()).toBeUndefined();
    });
  });
});
