/** What preflight needs to know about a JPEG before decoding it. */
export interface JpegMetadata {
  /** EXIF orientation, 1–8. 1 (as stored) when absent or unreadable. */
  orientation: number;
  /** Stored (not oriented) pixel size from the frame header, when found. */
  width?: number;
  height?: number;
}

const TAG_ORIENTATION = 0x0112;

/**
 * Reads EXIF orientation and the stored pixel size from a JPEG's bytes, without decoding it.
 * Anything that is not a well-formed JPEG answers `{ orientation: 1 }`: a bad header must never
 * block an image the browser can still decode.
 */
export function readJpegMetadata(input: ArrayBuffer | Uint8Array): JpegMetadata {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result: JpegMetadata = { orientation: 1 };
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return result;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) break;
    const marker = bytes[offset + 1]!;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, start of scan: no more headers
    const length = view.getUint16(offset + 2);
    const segment = offset + 4;
    if (length < 2 || segment + length - 2 > bytes.length) break;
    if (marker === 0xe1 && length >= 16 && readAscii(bytes, segment, 6) === 'Exif\0\0') {
      result.orientation = readOrientation(view, segment + 6, segment + length - 2) ?? result.orientation;
    } else if (isStartOfFrame(marker) && length >= 7) {
      result.height = view.getUint16(segment + 1);
      result.width = view.getUint16(segment + 3);
    }
    offset = segment + length - 2;
  }
  return result;
}

function isStartOfFrame(marker: number): boolean {
  // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readAscii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** Walks IFD0 of the TIFF block at `tiff` for the orientation tag. */
function readOrientation(view: DataView, tiff: number, end: number): number | undefined {
  if (tiff + 8 > end) return undefined;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (view.getUint16(tiff + 2, little) !== 42) return undefined;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (view.getUint16(entry, little) === TAG_ORIENTATION) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}
