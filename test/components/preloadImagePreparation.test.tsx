import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageInput } from '../../src/components/ImageInput';
import type { PreflightedImage } from '../../src/core/preflight';
import { loadImagePreparation } from '../../src/hooks/loadImagePreparation';
import type * as Loader from '../../src/hooks/loadImagePreparation';
import { imageFile, stubImageDecoding } from './stubImageDecoding';

// The real loader, watched: what matters is when the lazy steps are asked for.
vi.mock('../../src/hooks/loadImagePreparation', async (importOriginal) => {
  const actual = await importOriginal<typeof Loader>();
  return { loadImagePreparation: vi.fn(actual.loadImagePreparation) };
});

beforeEach(() => {
  stubImageDecoding();
  vi.mocked(loadImagePreparation).mockClear();
});

describe('the image preparation, loaded on first use', () => {
  it('is not loaded to render, and starts loading when the pointer comes over the zone', async () => {
    const user = userEvent.setup();
    render(<ImageInput />);
    expect(loadImagePreparation).not.toHaveBeenCalled();
    await user.hover(screen.getByRole('group', { name: 'Image' }));
    expect(loadImagePreparation).toHaveBeenCalled();
  });

  it('starts loading when focus comes into the zone, then prepares the chosen file with it', async () => {
    const user = userEvent.setup();
    render(<ImageInput />);
    await user.tab();
    expect(screen.getByLabelText('Choose image')).toHaveFocus();
    expect(loadImagePreparation).toHaveBeenCalled();
    await user.upload(screen.getByLabelText('Choose image'), imageFile(4032, 3024));
    expect(await screen.findByRole('img', { name: /framed as it will be sent/ })).toBeInTheDocument();
  });

  it('is never loaded when the caller brings both steps', async () => {
    const user = userEvent.setup();
    const preflight = vi.fn(async (file: Blob): Promise<PreflightedImage> => ({ blob: file, width: 1280, height: 720, processed: true }));
    const loadUrl = vi.fn();
    render(<ImageInput preflight={preflight} loadUrl={loadUrl} />);
    await user.hover(screen.getByRole('group', { name: 'Image' }));
    await user.tab();
    await user.upload(screen.getByLabelText('Choose image'), imageFile(4032, 3024));
    await vi.waitFor(() => expect(preflight).toHaveBeenCalled());
    expect(loadImagePreparation).not.toHaveBeenCalled();
  });
});
