import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { DurationPicker } from '../src/components/DurationPicker';

const meta = {
  title: 'Parts/DurationPicker',
  component: DurationPicker,
  args: { onValueChange: fn() },
} satisfies Meta<typeof DurationPicker>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithPrices: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('radio', { name: '5 s' })).toHaveAccessibleDescription('$0.20');
    await expect(canvas.getByRole('radio', { name: '10 s' })).toHaveAccessibleDescription('$0.40');
    await userEvent.click(canvas.getByRole('radio', { name: '10 s' }));
    await expect(args.onValueChange).toHaveBeenCalledWith(10);
  },
};

export const OtherCurrency: Story = {
  args: { pricePerFiveSeconds: 0.19, currency: 'EUR' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('radio', { name: '10 s' })).toHaveAccessibleDescription('€0.38');
  },
};

export const WithoutPrices: Story = {
  args: { pricePerFiveSeconds: null },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('radio', { name: '5 s' })).not.toHaveAccessibleDescription();
  },
};
