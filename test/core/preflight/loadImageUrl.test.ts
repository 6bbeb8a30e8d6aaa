import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadImageUrl } from '../../../src/core/preflight';

/** Node has no `Image`: this one records each load and finishes it when the test says. */
function stubImage() {
  const loads: { url: string; cors: boolean; finish: () => void; cleared: boolean }[] = [];
  vi.stubGlobal(
    'Image',
    class {
      crossOrigin: string | null = null;
      naturalWidth = 1600;
      naturalHeight = 900;
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      set src(url: string) {
        if (!url) {
          const last = loads.at(-1);
          if (last) last.cleared = true;
          return;
        }
        loads.push({ url, cors: this.crossOrigin !== null, finish: () => this.onload?.(), cleared: false });
      }
    },
  );
  return loads;
}

afterEach(() => vi.unstubAllGlobals());

describe('loadImageUrl', () => {
  it('starts no load for a choice already replaced', async () => {
    const loads = stubImage();
    const controller = new AbortController();
    controller.abort();
    await expect(loadImageUrl('https://cdn.example.com/cat.jpg', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(loads).toEqual([]);
  });

  it('stops a load in flight when aborted', async () => {
    const loads = stubImage();
    const controller = new AbortController();
    const result = loadImageUrl('https://cdn.example.com/cat.jpg', { signal: controller.signal });
    expect(loads).toHaveLength(1);
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    // The image's src was emptied, which stops the browser's download.
    expect(loads[0]!.cleared).toBe(true);
  });

  it('does not hand back pixels read after an abort', async () => {
    let encode: ((blob: Blob) => void) | undefined;
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        getContext() {
          return { drawImage() {} };
        }
        convertToBlob() {
          return new Promise<Blob>((resolve) => (encode = resolve));
        }
      },
    );
    const loads = stubImage();
    const controller = new AbortController();
    const result = loadImageUrl('https://cdn.example.com/cat.jpg', { signal: controller.signal });
    loads[0]!.finish();
    await vi.waitFor(() => expect(encode).toBeTypeOf('function'));
    controller.abort();
    encode!(new Blob(['x'], { type: 'image/jpeg' }));
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });
});
