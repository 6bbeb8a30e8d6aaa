import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { PromptField } from '../src/components/PromptField';
import { usePromptOptimizer } from '../src/hooks/usePromptOptimizer';
import { simulatedPromptRewrite } from '../src/testing/simulatedPromptRewrite';
import { FOREVER_MS, simulate, storySimulator } from './support/simulate';

/** An already uploaded image's URL: the optimizer only needs to be told where the picture is. */
const IMAGE = 'https://images.example/beach.jpg';
const ORIGINAL = 'waves roll in';

/** The button wired the way the drop-in wires it: the hook, through MSW, to the story's simulator. */
function ImprovePromptField({ image, defaultValue }: { image?: string; defaultValue?: string }) {
  const optimizer = usePromptOptimizer();
  return (
    <PromptField
      defaultValue={defaultValue}
      onImprove={(text, style) => (image ? optimizer.optimize({ text, image, style }) : Promise.resolve(undefined))}
      canImprove={image !== undefined}
      improveStatus={optimizer.status}
      improveError={optimizer.error}
    />
  );
}

const meta = {
  title: 'Parts/PromptField/Improve prompt',
  component: ImprovePromptField,
  args: { image: IMAGE, defaultValue: ORIGINAL },
  beforeEach: simulate(),
} satisfies Meta<typeof ImprovePromptField>;

export default meta;
type Story = StoryObj<typeof meta>;

const improveButton = (canvasElement: HTMLElement) => within(canvasElement).getByRole('button', { name: 'Improve prompt' });
const promptBox = (canvasElement: HTMLElement) => within(canvasElement).getByRole('textbox', { name: 'Prompt' });

export const Ready: Story = {
  play: async ({ canvasElement }) => {
    await expect(improveButton(canvasElement)).toBeEnabled();
  },
};

export const NoImage: Story = {
  args: { image: undefined },
  play: async ({ canvasElement }) => {
    await expect(improveButton(canvasElement)).toBeDisabled();
  },
};

export const NoText: Story = {
  args: { defaultValue: '' },
  play: async ({ canvasElement }) => {
    await expect(improveButton(canvasElement)).toBeDisabled();
  },
};

export const Improving: Story = {
  beforeEach: simulate({ faults: [{ kind: 'slow', delayMs: FOREVER_MS, operations: ['optimize'] }] }),
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(improveButton(canvasElement));
    await waitFor(() => expect(within(canvasElement).getByText('Improving the prompt…')).toBeInTheDocument());
    await expect(improveButton(canvasElement)).toBeDisabled();
    await expect(promptBox(canvasElement)).toHaveAttribute('readonly');
  },
};

export const Improved: Story = {
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(improveButton(canvasElement));
    await waitFor(() => expect(promptBox(canvasElement)).toHaveValue(simulatedPromptRewrite(ORIGINAL)));
    await expect(within(canvasElement).getByRole('button', { name: 'Undo' })).toBeVisible();
    const sent = storySimulator().requests.filter((r) => r.operation === 'optimize');
    await expect(JSON.parse(sent[0]!.body!)).toEqual({ text: ORIGINAL, image: IMAGE, style: 'default', mode: 'video', enable_sync_mode: true });
  },
};

export const Undone: Story = {
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(improveButton(canvasElement));
    await waitFor(() => expect(promptBox(canvasElement)).toHaveValue(simulatedPromptRewrite(ORIGINAL)));
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Undo' }));
    await expect(promptBox(canvasElement)).toHaveValue(ORIGINAL);
    await expect(within(canvasElement).getByText('Your prompt is back.')).toBeInTheDocument();
  },
};

export const RateLimited: Story = {
  beforeEach: simulate({ faults: [{ kind: 'rate-limit', retryAfterSeconds: 20, operations: ['optimize'] }] }),
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(improveButton(canvasElement));
    await waitFor(() => expect(within(canvasElement).getByText(/Too many improvements at once/)).toBeInTheDocument());
    await expect(promptBox(canvasElement)).toHaveValue(ORIGINAL);
  },
};

export const UpstreamFailed: Story = {
  beforeEach: simulate({ faults: [{ kind: 'status', status: 503, operations: ['optimize'] }] }),
  play: async ({ canvasElement, userEvent }) => {
    await userEvent.click(improveButton(canvasElement));
    await waitFor(() => expect(within(canvasElement).getByText(/could not be improved/)).toBeInTheDocument());
    await expect(promptBox(canvasElement)).toHaveValue(ORIGINAL);
  },
};
