import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { PredictionPlayer } from '../src/components/PredictionPlayer';
import { JobHarness } from './support/JobHarness';
import { expectVideoPlays, startJob } from './support/playSteps';
import { FOREVER_MS, simulate } from './support/simulate';

/** The player fed by `useImageToVideo` running a real job against the story's simulator. */
const meta = {
  title: 'Parts/PredictionPlayer',
  component: PredictionPlayer,
  render: () => <JobHarness>{(job) => <PredictionPlayer state={job} />}</JobHarness>,
  beforeEach: simulate(),
} satisfies Meta<typeof PredictionPlayer>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Waiting: Story = {
  beforeEach: simulate({ timing: { queueMs: 0, processingMs: FOREVER_MS } }),
  play: async (context) => {
    await startJob(context);
    // Looked up each time: the player's element is new for each prediction (its recovery state is the prediction's).
    const player = () => context.canvasElement.querySelector('[data-i2v-part="player"]');
    await waitFor(() => expect(player()).toHaveAttribute('data-status', 'processing'), { timeout: 15_000 });
    await expect(player()).toHaveAttribute('data-state', 'waiting');
    await expect(within(context.canvasElement).queryByLabelText('Generated video')).toBeNull();
  },
};

export const Playing: Story = {
  beforeEach: simulate({ timing: { queueMs: 0, processingMs: 1200 } }),
  play: async (context) => {
    await startJob(context);
    const video = await expectVideoPlays(context.canvasElement);
    await expect(video).toHaveAttribute('loop');
    await expect(within(context.canvasElement).getByText(/^Generated in \d/)).toBeVisible();
  },
};

export const NsfwGated: Story = {
  beforeEach: simulate({ faults: [{ kind: 'nsfw' }] }),
  play: async (context) => {
    await startJob(context);
    const canvas = within(context.canvasElement);
    const reveal = await canvas.findByRole('button', { name: 'Show video' }, { timeout: 15_000 });
    await expect(canvas.queryByRole('link', { name: 'Download video' })).toBeNull();
    await context.userEvent.click(reveal);
    await expectVideoPlays(context.canvasElement);
  },
};

export const Expired: Story = {
  beforeEach: simulate({ outputTtlMs: 0 }),
  play: async (context) => {
    await startJob(context);
    const canvas = within(context.canvasElement);
    await expect(await canvas.findByRole('alert', {}, { timeout: 15_000 })).toHaveTextContent('This video has expired and is no longer available.');
    await expect(canvas.queryByRole('link', { name: 'Download video' })).toBeNull();
  },
};
