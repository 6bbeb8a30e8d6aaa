import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { SizePicker } from '../src/components/SizePicker';

const meta = {
  title: 'Parts/SizePicker',
  component: SizePicker,
  args: { onValueChange: fn() },
} satisfies Meta<typeof SizePicker>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Landscape: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    const canvas = within(canvasElement);
    const landscape = canvas.getByRole('radio', { name: 'Landscape 1280×720' });
    await expect(landscape).toBeChecked();
    // Native radios: arrow keys move the choice.
    await userEvent.click(landscape);
    await userEvent.keyboard('{ArrowDown}');
    await expect(canvas.getByRole('radio', { name: 'Portrait 720×1280' })).toBeChecked();
    await expect(args.onValueChange).toHaveBeenLastCalledWith('720*1280');
  },
};

export const Portrait: Story = {
  args: { defaultValue: '720*1280' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('radio', { name: 'Portrait 720×1280' })).toBeChecked();
  },
};

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    for (const radio of within(canvasElement).getAllByRole('radio')) await expect(radio).toBeDisabled();
  },
};
