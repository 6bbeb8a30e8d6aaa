import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { loadJobSteps } from '../../src/engine/loadJobSteps';
import type * as StepsLoader from '../../src/engine/loadJobSteps';
import { createMockTransport } from '../../src/testing/createMockTransport';
import { renderWithProvider } from './renderWithProvider';
import { imageFile, stubImageDecoding } from './stubImageDecoding';

// The real loaders, watched: what matters is when the lazy code is asked for.
vi.mock('../../src/engine/loadJobSteps', async (importOriginal) => {
  const actual = await importOriginal<typeof StepsLoader>();
  return { loadJobSteps: vi.fn(actual.loadJobSteps) };
});

beforeEach(() => {
  stubImageDecoding();
  vi.mocked(loadJobSteps).mockClear();
});

describe('the submit and the transport, loaded on first use', () => {
  it('are not loaded to render, and start loading once an image is chosen, before any click', async () => {
    const user = userEvent.setup();
    const transport = createMockTransport();
    const preload = vi.fn();
    renderWithProvider(<ImageToVideo />, { ...transport, preload });
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a cat');
    expect(loadJobSteps).not.toHaveBeenCalled();
    expect(preload).not.toHaveBeenCalled();

    // The choice itself starts the load, while the image is still being prepared.
    act(() => {
      fireEvent.change(screen.getByLabelText('Choose image'), { target: { files: [imageFile(1600, 900)] } });
    });
    expect(screen.getByRole('group', { name: 'Image' })).toHaveAttribute('data-status', 'preparing');
    expect(loadJobSteps).toHaveBeenCalledOnce();
    expect(preload).toHaveBeenCalledOnce();
    expect(transport.calls.submit).toHaveLength(0);

    // The click then submits; its own call for the code finds it already loaded.
    await screen.findByRole('img', { name: /framed as it will be sent/ });
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await vi.waitFor(() => expect(transport.calls.submit).toHaveLength(1), { timeout: 3000 });
    expect(loadJobSteps).toHaveBeenCalledTimes(2);
  });
});
