/**
 * Builds the header of a JPEG byte stream: SOI, an optional APP1/EXIF segment carrying an
 * orientation, a SOF0 frame header with the stored size, then EOI. Enough for metadata parsing.
 */
export function jpegFixture(options: {
  width: number;
  height: number;
  orientation?: number;
  byteOrder?: 'II' | 'MM';
  /** Put an unrelated APP0 segment first, as JFIF files do. */
  jfif?: boolean;
}): Uint8Array<ArrayBuffer> {
  const little = (options.byteOrder ?? 'MM') === 'II';
  const parts: number[][] = [[0xff, 0xd8]];
  if (options.jfif) parts.push([0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  if (options.orientation !== undefined) {
    const tiff = new DataView(new ArrayBuffer(8 + 2 + 12 + 4));
    tiff.setUint16(0, little ? 0x4949 : 0x4d4d);
    tiff.setUint16(2, 42, little);
    tiff.setUint32(4, 8, little);
    tiff.setUint16(8, 1, little); // one entry
    tiff.setUint16(10, 0x0112, little); // orientation
    tiff.setUint16(12, 3, little); // SHORT
    tiff.setUint32(14, 1, little);
    tiff.setUint16(18, options.orientation, little);
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...new Uint8Array(tiff.buffer)];
    const length = body.length + 2;
    parts.push([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
  }
  const { width, height } = options;
  parts.push([0xff, 0xc0, 0x00, 0x0b, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  parts.push([0xff, 0xd9]);
  return new Uint8Array(parts.flat());
}
