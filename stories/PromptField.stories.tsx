import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { PromptField } from '../src/components/PromptField';

const meta = {
  title: 'Parts/PromptField',
  component: PromptField,
  args: { onValueChange: fn(), onSubmitShortcut: fn() },
} satisfies Meta<typeof PromptField>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Typing: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    const canvas = within(canvasElement);
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' });
    await userEvent.type(prompt, 'Waves roll in');
    await expect(prompt).toHaveAccessibleDescription('13 / 2,000');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect(args.onSubmitShortcut).toHaveBeenCalledTimes(1);
    await expect(prompt).toHaveValue('Waves roll in');
  },
};

export const OverTheLimit: Story = {
  args: { defaultValue: 'x'.repeat(2001) },
  play: async ({ canvasElement }) => {
    const prompt = within(canvasElement).getByRole('textbox', { name: 'Prompt' });
    await expect(prompt).toHaveAttribute('aria-invalid', 'true');
    await expect(prompt).toHaveAccessibleDescription('2,001 / 2,000');
  },
};
