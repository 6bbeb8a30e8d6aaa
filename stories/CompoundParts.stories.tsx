import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ImageToVideo } from '../src/components/ImageToVideo';
import { expectStatus, expectVideoPlays, generate } from './support/playSteps';
import { simulate } from './support/simulate';

/**
 * The parts of the drop-in, laid out in markup of our own: `ImageToVideo.Root` owns the job and
 * the form; every part reads it and renders one element that takes props, `ref` and `className`.
 */
const meta = {
  title: 'Compound parts/ImageToVideo.Root',
  component: ImageToVideo.Root,
  // Stories share one page: a remembered job would resume in the next story.
  args: { persist: false },
  beforeEach: simulate(),
} satisfies Meta<typeof ImageToVideo.Root>;

export default meta;
type Story = StoryObj<typeof meta>;

const card = { display: 'grid', gap: '1rem', padding: '1rem', border: '1px solid currentColor', borderRadius: '0.5rem' } as const;

/** The result above a compact row of settings; the prompt and the button last. */
export const ResultFirst: Story = {
  render: (args) => (
    <ImageToVideo.Root {...args} aria-label="Make a video" style={{ display: 'grid', gap: '1rem' }}>
      <section aria-label="Result" style={card}>
        <ImageToVideo.Player />
        <ImageToVideo.Status>
          <ImageToVideo.Progress />
          <ImageToVideo.Cancel />
        </ImageToVideo.Status>
      </section>
      <ImageToVideo.Image />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem' }}>
        <ImageToVideo.Size />
        <ImageToVideo.Duration pricePerFiveSeconds={null} />
      </div>
      <ImageToVideo.Prompt improve={false} placeholder="What should move, and how?" />
      <ImageToVideo.Submit>Make it move</ImageToVideo.Submit>
    </ImageToVideo.Root>
  ),
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('form', { name: 'Make a video' })).toHaveAttribute('data-status', 'idle');
    // Our own button text; the reason it cannot be pressed yet is still the library's.
    await expect(canvas.getByRole('button', { name: 'Make it move' })).toHaveAccessibleDescription('Choose an image first.');
    await expect(canvas.queryByText('$0.20')).toBeNull();
  },
};

/** Only what a minimal form needs: image, prompt, button, status and player (size and duration keep their defaults). */
export const Minimal: Story = {
  render: (args) => (
    <ImageToVideo.Root {...args} aria-label="Make a video">
      <ImageToVideo.Image />
      <ImageToVideo.Prompt />
      <ImageToVideo.Submit />
      <ImageToVideo.Status />
      <ImageToVideo.Player />
    </ImageToVideo.Root>
  ),
  play: async (context) => {
    await generate(context);
    await expectStatus(context.canvasElement, 'Your video is ready.');
    await expectVideoPlays(context.canvasElement);
  },
};

/** The preset's own groups (`Inputs`, `Result`) in a layout of our own: the theme styles them as in the drop-in. */
export const WithGroups: Story = {
  render: (args) => (
    <ImageToVideo.Root {...args} aria-label="Make a video">
      <ImageToVideo.Inputs>
        <ImageToVideo.Prompt />
        <ImageToVideo.Image />
        <ImageToVideo.Size />
        <ImageToVideo.Submit />
      </ImageToVideo.Inputs>
      <ImageToVideo.Result>
        <ImageToVideo.Status>
          <ImageToVideo.Progress />
          <ImageToVideo.Cancel />
        </ImageToVideo.Status>
        <ImageToVideo.Player />
      </ImageToVideo.Result>
    </ImageToVideo.Root>
  ),
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('textbox', { name: 'Prompt' })).toBeVisible();
    await expect(canvas.queryByRole('radiogroup', { name: 'Duration' })).toBeNull();
    await generate(context);
    await expectVideoPlays(context.canvasElement);
  },
};
