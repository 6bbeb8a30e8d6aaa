import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render } from '@testing-library/react';
import { Profiler, useContext, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { ImageToVideoContext } from '../../src/components/ImageToVideoContext';
import type { PredictionStatus } from '../../src/core/predictionSchema';
import { seededRandom } from '../polling/pollingJobs';
import { simulatedTransport, type SimulationClock } from '../polling/simulatePolling';

/**
 * The default schedule's shape with intervals off the whole second, so no read lands on the same
 * instant as a tick of the status part's 1 s elapsed-time clock and each commit has one cause.
 */
const SCHEDULE = { sparseIntervalMs: 4700, denseIntervalMs: 2350, expectedWindowMs: [17_350, 70_000] as const, random: seededRandom(3) };

/** The compound parts, each measured in its own Profiler. */
const PARTS = {
  image: <ImageToVideo.Image />,
  size: <ImageToVideo.Size />,
  duration: <ImageToVideo.Duration />,
  prompt: <ImageToVideo.Prompt />,
  submit: <ImageToVideo.Submit />,
  status: <ImageToVideo.Status />,
  progress: <ImageToVideo.Progress />,
  cancel: <ImageToVideo.Cancel />,
  player: <ImageToVideo.Player />,
} satisfies Record<string, ReactNode>;

type Part = keyof typeof PARTS;

/**
 * A part's Profiler. React calls `onRender` when the Profiler itself renders or something below
 * it schedules its own update (the status clock), but not when a context change reaches a
 * consumer below a Profiler that bailed out. Reading the Root's context here re-renders the
 * Profiler exactly when the part's context changes, so those commits are counted too.
 */
function Measured({ id, onRender, children }: { id: Part; onRender: ProfilerOnRenderCallback; children: ReactNode }) {
  useContext(ImageToVideoContext);
  return (
    <Profiler id={id} onRender={onRender}>
      {children}
    </Profiler>
  );
}
export type PartCommits = Partial<Record<Part, number>>;

export interface RenderCounts {
  /** Status reads that brought the same status as the one before. */
  unchangedPolls: number;
  /** Commits per part summed over all unchanged polls (each should be 0). */
  commitsOnUnchangedPolls: PartCommits;
  /** Each status change a read brought, with the commits per part it caused (each should be ≤ 1). */
  statusChanges: { from: PredictionStatus; to: PredictionStatus; commits: PartCommits }[];
  /** Commits of the status and progress parts from their own 1 s elapsed-time clocks, between reads (expected). */
  clockTicks: number;
}

/**
 * One job through the compound parts of the drop-in over the simulator: `ImageToVideo.Root` with
 * each part side by side in a React Profiler of its own (in the preset, Progress and Cancel sit
 * inside Status; flat here so each commit is counted once, for its part). Time moves one timer
 * at a time, so every commit is attributed to the timer that caused it: a status read, or an
 * elapsed-time clock.
 */
export async function measureRenders(clock: SimulationClock, job = { queueMs: 6000, processingMs: 30_000 }): Promise<RenderCounts> {
  const { simulator, transport, drain } = simulatedTransport();
  simulator.setTiming(job);
  const reads: PredictionStatus[] = [];
  const counted = {
    ...transport,
    getResult: async (id: string, options?: { signal?: AbortSignal }) => {
      const prediction = await transport.getResult(id, options);
      reads.push(prediction.status);
      return prediction;
    },
  };
  const client = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity }, mutations: { gcTime: Infinity } } });
  let step: PartCommits = {};
  const onRender: ProfilerOnRenderCallback = (id) => {
    step[id as Part] = (step[id as Part] ?? 0) + 1;
  };
  const view = render(
    <QueryClientProvider client={client}>
      <ImageToVideo.Root
        transport={counted}
        persist={false}
        defaultImage="https://cdn.example/cat.jpg"
        defaultPrompt="the cat turns its head"
        schedule={SCHEDULE}
      >
        {(Object.entries(PARTS) as [Part, ReactNode][]).map(([id, node]) => (
          <Measured key={id} id={id} onRender={onRender}>
            {node}
          </Measured>
        ))}
      </ImageToVideo.Root>
    </QueryClientProvider>,
  );
  const form = view.container.querySelector('form')!;
  // An image URL counts once it has loaded: wait for that before submitting.
  const imageReady = () => form.querySelector('[data-i2v-part="image-input"][data-status="ready"]') !== null;
  for (let i = 0; i < 100 && !imageReady(); i++) await act(drain);
  await act(async () => {
    fireEvent.submit(form);
    await drain();
  });

  const result: RenderCounts = { unchangedPolls: 0, commitsOnUnchangedPolls: {}, statusChanges: [], clockTicks: 0 };
  let previous: PredictionStatus = 'created';
  for (let steps = 0; form.dataset.status !== 'completed' && form.dataset.status !== 'failed'; steps++) {
    if (steps > 10_000) throw new Error('The job never settled.');
    step = {};
    const before = reads.length;
    await act(async () => {
      await clock.next();
      await drain();
    });
    const read = reads.slice(before);
    if (read.length === 0) {
      result.clockTicks += (step.status ?? 0) + (step.progress ?? 0);
      continue;
    }
    const status = read[read.length - 1]!;
    if (status === previous) {
      result.unchangedPolls += 1;
      for (const [part, n] of Object.entries(step) as [Part, number][]) {
        result.commitsOnUnchangedPolls[part] = (result.commitsOnUnchangedPolls[part] ?? 0) + n;
      }
    } else {
      result.statusChanges.push({ from: previous, to: status, commits: step });
      previous = status;
    }
  }
  view.unmount();
  client.clear();
  return result;
}
