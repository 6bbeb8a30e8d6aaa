/// <reference types="vite/client" />
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState, type ComponentType, type FormEvent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as library from 'react-image-to-video';
import { ImageToVideoProvider, useImageToVideo, type PollScheduleOptions, type VideoDuration, type VideoSize } from 'react-image-to-video';

const upstream = document.querySelector<HTMLMetaElement>('meta[name="i2v-upstream"]')?.content ?? 'wavespeed';
const upstreamLabel = document.querySelector<HTMLMetaElement>('meta[name="i2v-upstream-label"]')?.content ?? upstream;
const isSimulator = upstream === 'simulator';

// The simulator finishes in seconds; the default schedule is tuned for WaveSpeed's 30–65 s.
const schedule: PollScheduleOptions | undefined = isSimulator
  ? { expectedWindowMs: [1500, 10_000], denseIntervalMs: 1000, sparseIntervalMs: 1500 }
  : undefined;

const queryClient = new QueryClient();

/**
 * The drop-in, once the package exports it; until then a minimal form on `useImageToVideo`.
 * Read through the namespace so the page runs either way.
 */
const DropIn = (library as Record<string, unknown>).ImageToVideo as ComponentType | undefined;

function HookForm() {
  const job = useImageToVideo();
  const [file, setFile] = useState<File | null>(null);
  const [prompt, setPrompt] = useState('');
  const [size, setSize] = useState<VideoSize>('1280*720');
  const [duration, setDuration] = useState<VideoDuration>(5);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (file) void job.submit({ image: file, prompt, size, duration });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Image to video">
      <p>
        <label>
          Image <input type="file" accept="image/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
      </p>
      <p>
        <label>
          Prompt <input value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        </label>
      </p>
      <fieldset>
        <legend>Frame</legend>
        <label>
          <input type="radio" name="size" checked={size === '1280*720'} onChange={() => setSize('1280*720')} /> Landscape
        </label>
        <label>
          <input type="radio" name="size" checked={size === '720*1280'} onChange={() => setSize('720*1280')} /> Portrait
        </label>
      </fieldset>
      <fieldset>
        <legend>Length</legend>
        <label>
          <input type="radio" name="duration" checked={duration === 5} onChange={() => setDuration(5)} /> 5 s
        </label>
        <label>
          <input type="radio" name="duration" checked={duration === 10} onChange={() => setDuration(10)} /> 10 s
        </label>
      </fieldset>
      <button type="submit" disabled={!file || job.isRunning}>
        Generate
      </button>
      <p role="status">
        {job.status}
        {job.error ? `: ${job.error.message}` : ''}
      </p>
      {job.videoUrl ? <video src={job.videoUrl} controls autoPlay loop muted playsInline /> : null}
    </form>
  );
}

function App() {
  return (
    <main>
      <h1>react-image-to-video</h1>
      <p className="upstream" data-upstream={upstream}>
        {isSimulator
          ? 'Simulator mode: no WAVESPEED_API_KEY is set, so a built-in simulator renders a pan over your own image. Nothing is billed.'
          : `Live mode: requests go through the proxy to ${upstreamLabel} and are billed to the server's key.`}
      </p>
      <ImageToVideoProvider schedule={schedule}>{DropIn ? <DropIn /> : <HookForm />}</ImageToVideoProvider>
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
