import { screen } from '@testing-library/react';
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

    await user.upload(screen.getByLabelText('Choose image'), imageFile(1600, 900));
    expect(loadJobSteps).toHaveBeenCalledOnce();
    expect(preload).toHaveBeenCalledOnce();
    expect(transport.calls.submit).toHaveLength(0);

    // A job then runs on the loaded code to the video.
    await user.click(await screen.findByRole('button', { name: 'Generate video' }));
    expect(await screen.findByLabelText('Generated video', {}, { timeout: 5000 })).toBeInTheDocument();
  });
});
