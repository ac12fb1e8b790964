/** Image facts and thumbnails, with sharp. */
import sharp from 'sharp';
import { DomainError } from '../core/errors.ts';

export interface ImageFacts {
  width: number;
  height: number;
  mimeType: string;
}

const FORMAT_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heif: 'image/heif',
  svg: 'image/svg+xml',
};

/** Reads the header only; refuses what is not an image. */
export async function imageFacts(input: Buffer | string): Promise<ImageFacts> {
  try {
    const meta = await sharp(input).metadata();
    if (!meta.width || !meta.height || !meta.format) throw new Error('no dimensions');
    // EXIF orientations 5–8 swap the sides as shown; annotators draw on the shown image.
    const swapped = (meta.orientation ?? 1) >= 5;
    return {
      width: swapped ? meta.height : meta.width,
      height: swapped ? meta.width : meta.height,
      mimeType: FORMAT_TYPES[meta.format] ?? `image/${meta.format}`,
    };
  } catch (error) {
    throw new DomainError('validation_failed', `not a readable image: ${(error as Error).message}`);
  }
}

export const THUMBNAIL_SIZE = 320;

export async function makeThumbnail(input: Buffer): Promise<Buffer> {
  return sharp(input).rotate().resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
}
