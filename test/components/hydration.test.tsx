import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, screen } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { PredictionPlayer } from '../../src/components/PredictionPlayer';
import { ImageToVideoProvider } from '../../src/hooks/ImageToVideoProvider';
import { createMockTransport } from '../../src/testing/createMockTransport';
import { prediction, VIDEO_URL } from './predictionFixture';

afterEach(() => sessionStorage.clear());

describe('hydration', () => {
  it('hydrates the server HTML without mismatches, then resumes a saved job on the client', async () => {
    sessionStorage.setItem('react-image-to-video:job', 'pred_1');
    const transport = createMockTransport({ tasks: { pred_1: ['completed'] } });
    const app = (client: QueryClient) => (
      <QueryClientProvider client={client}>
        <ImageToVideoProvider transport={transport}>
          <ImageToVideo defaultPrompt="waves" />
          <PredictionPlayer prediction={prediction({ id: 'other', status: 'completed', outputs: [VIDEO_URL] })} />
        </ImageToVideoProvider>
      </QueryClientProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(app(new QueryClient()));
    document.body.append(container);
    const errors = vi.spyOn(console, 'error');
    const root = await act(async () => hydrateRoot(container, app(new QueryClient())));
    expect(errors).not.toHaveBeenCalled();
    // Storage is read only after hydration, so the server and first client render agreed on "idle".
    expect(await screen.findByText('Your video is ready.')).toBeInTheDocument();
    act(() => root.unmount());
    container.remove();
  });
});
