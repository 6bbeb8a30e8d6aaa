import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { SubmitButton } from '../src/components/SubmitButton';

const meta = {
  title: 'Parts/SubmitButton',
  component: SubmitButton,
  args: { onClick: fn() },
  // A form around it, to prove what reaches `submit`.
  render: (args) => (
    <form aria-label="Demo" onSubmit={(event) => event.preventDefault()}>
      <SubmitButton {...args} />
    </form>
  ),
} satisfies Meta<typeof SubmitButton>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Ready: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const form = within(canvasElement).getByRole('form', { name: 'Demo' }) as HTMLFormElement;
    const submits = fn();
    form.addEventListener('submit', submits);
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Generate video' }));
    await expect(submits).toHaveBeenCalledTimes(1);
    // The second click of a double click does not submit again.
    await userEvent.dblClick(within(canvasElement).getByRole('button', { name: 'Generate video' }));
    await expect(submits).toHaveBeenCalledTimes(2);
  },
};

export const Blocked: Story = {
  args: { blockedReason: 'Choose an image first.' },
  play: async ({ canvasElement, userEvent, args }) => {
    const form = within(canvasElement).getByRole('form', { name: 'Demo' }) as HTMLFormElement;
    const submits = fn();
    form.addEventListener('submit', submits);
    const button = within(canvasElement).getByRole('button', { name: 'Generate video' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAccessibleDescription('Choose an image first.');
    // Still focusable, so keyboard and screen reader users can find out why.
    await userEvent.tab();
    await expect(button).toHaveFocus();
    await userEvent.click(button);
    await expect(args.onClick).toHaveBeenCalled();
    await expect(submits).not.toHaveBeenCalled();
  },
};
