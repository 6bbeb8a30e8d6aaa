import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Status } from '../src/components/Status';
import { JobHarness } from './support/JobHarness';
import { expectFailure, expectStatus, startJob } from './support/playSteps';
import { FOREVER_MS, simulate, storySimulator } from './support/simulate';

/** The part on its own, fed by `useImageToVideo` running a real job against the story's simulator. */
const meta = {
  title: 'Parts/Status',
  component: Status,
  args: { status: 'idle' },
  render: () => <JobHarness>{(job) => <Status status={job.status} error={job.error} uploadProgress={job.uploadProgress} elapsedMs={job.elapsedMs} onRetry={() => void job.retry()} onCancel={job.cancel} />}</JobHarness>,
  beforeEach: simulate(),
} satisfies Meta<typeof Status>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    // Mounted but empty (the theme hides it while empty).
    await expect(canvasElement.querySelector('[data-i2v-part="status-text"]')).toBeEmptyDOMElement();
    await expect(within(canvasElement).queryByRole('alert')).toBeNull();
  },
};

export const Uploading: Story = {
  beforeEach: simulate({ faults: [{ kind: 'slow', delayMs: FOREVER_MS, operations: ['upload'] }] }),
  play: async (context) => {
    await startJob(context);
    await expectStatus(context.canvasElement, /Uploading image/);
  },
};

export const Queued: Story = {
  beforeEach: simulate({ timing: { queueMs: FOREVER_MS, processingMs: 0 } }),
  play: async (context) => {
    await startJob(context);
    await expectStatus(context.canvasElement, /^Queued…$/);
    // The clock ticks beside the live region, not inside it.
    await expect(await within(context.canvasElement).findByText(/^\d+ s elapsed$/)).toBeVisible();
  },
};

export const Processing: Story = {
  beforeEach: simulate({ timing: { queueMs: 0, processingMs: FOREVER_MS } }),
  play: async (context) => {
    await startJob(context);
    await expectStatus(context.canvasElement, /Generating video…/);
    // Nothing measured in a story: a bar that claims no end, and Cancel with its billing caveat.
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('progressbar', { name: 'Video progress' })).toHaveAttribute('data-state', 'indeterminate');
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toHaveAccessibleDescription(/may still finish, and be billed/);
  },
};

export const Completed: Story = {
  play: async (context) => {
    await startJob(context);
    await expectStatus(context.canvasElement, 'Your video is ready.');
  },
};

export const RateLimitedThenRetried: Story = {
  beforeEach: simulate({ faults: [{ kind: 'rate-limit', retryAfterSeconds: 90, operations: ['submit'] }] }),
  play: async (context) => {
    await startJob(context);
    const alert = await expectFailure(context.canvasElement, 'rate-limited', 'Too many videos at once. Try again in 1:30.');
    await context.userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await expectStatus(context.canvasElement, 'Your video is ready.');
    await expect(storySimulator().taskCount).toBe(1);
  },
};

export const FailedModeration: Story = {
  beforeEach: simulate({ faults: [{ kind: 'fail-task', code: 1200 }] }),
  play: async (context) => {
    await startJob(context);
    await expectFailure(context.canvasElement, 'content-moderated', /refused by content moderation/);
  },
};
