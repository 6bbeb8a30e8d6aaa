/// <reference types="vite/client" />
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ImageToVideo, ImageToVideoProvider, type PollScheduleOptions } from 'react-image-to-video';
import 'react-image-to-video/styles.css';

const upstream = document.querySelector<HTMLMetaElement>('meta[name="i2v-upstream"]')?.content ?? 'wavespeed';
const upstreamLabel = document.querySelector<HTMLMetaElement>('meta[name="i2v-upstream-label"]')?.content ?? upstream;
const isSimulator = upstream === 'simulator';

// The simulator finishes in seconds; the default schedule is tuned for WaveSpeed's 30–65 s.
const schedule: PollScheduleOptions | undefined = isSimulator
  ? { expectedWindowMs: [1500, 10_000], denseIntervalMs: 1000, sparseIntervalMs: 1500 }
  : undefined;

const queryClient = new QueryClient();

function App() {
  return (
    <main>
      <h1>react-image-to-video</h1>
      <p className="upstream" data-upstream={upstream}>
        {isSimulator
          ? 'Simulator mode: no WAVESPEED_API_KEY is set, so a built-in simulator renders a pan over your own image. Nothing is billed.'
          : `Live mode: requests go through the proxy to ${upstreamLabel} and are billed to the server's key.`}
      </p>
      <ImageToVideoProvider schedule={schedule}>
        <ImageToVideo />
      </ImageToVideoProvider>
    </main>
  );
}

// Other files change under HMR while the page runs; keep one root across re-evaluations.
const root: Root = (import.meta.hot?.data.root as Root | undefined) ?? createRoot(document.getElementById('root')!);
if (import.meta.hot) import.meta.hot.data.root = root;
root.render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
