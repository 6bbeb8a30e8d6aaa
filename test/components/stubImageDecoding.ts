import { vi } from 'vitest';

/**
 * jsdom decodes no images and has no canvas. This stands in for the two browser APIs preflight
 * uses: `createImageBitmap` answers the size named in the file name (`photo-4032x3024.jpg`) or
 * rejects for names containing `corrupt`; `OffscreenCanvas` "encodes" a blob whose text is its
 * own size, so tests can read back the framing that would be sent. Also gives jsdom object URLs.
 */
export function stubImageDecoding() {
  const draws: unknown[][] = [];
  vi.stubGlobal('createImageBitmap', async (blob: Blob) => {
    const name = blob instanceof File ? blob.name : '';
    const match = /(\d+)x(\d+)/.exec(name);
    if (name.includes('corrupt') || !match) throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    return { width: Number(match[1]), height: Number(match[2]), close() {} };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(
        public width: number,
        public height: number,
      ) {}
      getContext() {
        return {
          fillRect() {},
          setTransform() {},
          drawImage: (...args: unknown[]) => draws.push(args),
        };
      }
      async convertToBlob({ type }: { type: string }) {
        return new Blob([`${this.width}x${this.height}`], { type });
      }
    },
  );
  // Image URLs load when they name a size (`…/photo-1600x900.jpg`); `no-cors` in the URL refuses
  // a CORS load (so only the unreadable, unframeable load works); anything else fails to load.
  vi.stubGlobal(
    'Image',
    class {
      crossOrigin: string | null = null;
      naturalWidth = 0;
      naturalHeight = 0;
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      set src(url: string) {
        if (!url) return;
        const match = /(\d+)x(\d+)/.exec(url);
        const refused = !match || (url.includes('no-cors') && this.crossOrigin !== null);
        setTimeout(() => {
          if (refused) return this.onerror?.();
          this.naturalWidth = Number(match[1]);
          this.naturalHeight = Number(match[2]);
          this.onload?.();
        });
      }
    },
  );
  let next = 0;
  const urls = new Map<string, Blob>();
  vi.stubGlobal('URL', Object.assign(class extends URL {}, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:http://localhost/${++next}`;
      urls.set(url, blob);
      return url;
    },
    revokeObjectURL: (url: string) => void urls.delete(url),
  }));
  return { draws, urls };
}

/** A file whose decoded size is in its name (see `stubImageDecoding`). */
export function imageFile(width: number, height: number, type = 'image/jpeg', bytes = 1000): File {
  return new File([new Uint8Array(bytes)], `photo-${width}x${height}.jpg`, { type });
}
