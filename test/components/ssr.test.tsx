// @vitest-environment node
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DurationPicker } from '../../src/components/DurationPicker';
import { ImageInput } from '../../src/components/ImageInput';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { PredictionPlayer } from '../../src/components/PredictionPlayer';
import { PromptField } from '../../src/components/PromptField';
import { SizePicker } from '../../src/components/SizePicker';
import { Status } from '../../src/components/Status';
import { SubmitButton } from '../../src/components/SubmitButton';
import { ImageToVideoError } from '../../src/core/ImageToVideoError';
import { ImageToVideoProvider } from '../../src/hooks/ImageToVideoProvider';
import { createMockTransport } from '../../src/testing/createMockTransport';
import { prediction, VIDEO_URL } from './predictionFixture';

describe('server rendering', () => {
  it('runs in an environment without browser globals', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders every part and the drop-in to a string without touching browser APIs', () => {
    const transport = createMockTransport();
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <ImageToVideoProvider transport={transport}>
          <ImageToVideo defaultPrompt="waves" />
          <ImageInput defaultValue="https://cdn.example.com/cat.jpg" />
          <SizePicker imageSrc="https://cdn.example.com/cat.jpg" />
          <DurationPicker />
          <PromptField />
          <SubmitButton blockedReason="Choose an image first." />
          <Status status="failed" error={new ImageToVideoError('network', 'offline')} onRetry={() => {}} />
          <PredictionPlayer prediction={prediction({ status: 'completed', outputs: [VIDEO_URL] })} />
          <PredictionPlayer predictionId="pred_1" />
        </ImageToVideoProvider>
      </QueryClientProvider>,
    );
    expect(html).toContain('Generate video');
    expect(html).toContain('Landscape 1280×720');
    expect(html).toContain('Could not reach the server');
    expect(html).toContain(VIDEO_URL);
    // No autoplay before the client knows the user's motion preference.
    expect(html).not.toContain('autoplay');
    expect(transport.calls.getResult).toHaveLength(0);
  });
});
