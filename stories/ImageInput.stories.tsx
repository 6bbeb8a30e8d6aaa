import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ImageInput } from '../src/components/ImageInput';
import { makePhoto } from './support/makePhoto';

const meta = {
  title: 'Parts/ImageInput',
  component: ImageInput,
  args: { onValueChange: fn(), onReject: fn(), onPreparedChange: fn() },
} satisfies Meta<typeof ImageInput>;

export default meta;
type Story = StoryObj<typeof meta>;

const preview = (canvasElement: HTMLElement) => within(canvasElement).findByRole('img', { name: /framed as it will be sent/i }, { timeout: 15_000 });

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const group = within(canvasElement).getByRole('group', { name: 'Image' });
    await expect(group).toHaveAttribute('data-state', 'empty');
    await expect(within(group).getByRole('button', { name: 'Use URL' })).toBeDisabled();
  },
};

export const LandscapePhoto: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    await userEvent.upload(within(canvasElement).getByLabelText('Choose image'), await makePhoto('landscape'));
    const img = (await preview(canvasElement)) as HTMLImageElement;
    await waitFor(() => expect(img.naturalWidth / img.naturalHeight).toBeCloseTo(16 / 9, 1));
    await expect(args.onValueChange).toHaveBeenCalledWith(expect.any(File));
    await waitFor(() => expect(args.onPreparedChange).toHaveBeenLastCalledWith(expect.objectContaining({ size: '1280*720', width: 1280, height: 720 })));
  },
};

export const PortraitPhoto: Story = {
  args: { size: '720*1280' },
  play: async ({ canvasElement, userEvent, args }) => {
    await userEvent.upload(within(canvasElement).getByLabelText('Choose image'), await makePhoto('portrait'));
    await preview(canvasElement);
    await waitFor(() => expect(args.onPreparedChange).toHaveBeenLastCalledWith(expect.objectContaining({ width: 720, height: 1280 })));
  },
};

export const RejectedFile: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    // The picker's accept list would hide it; a drop still delivers it.
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    canvas.getByRole('group', { name: 'Image' }).dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('That file is not an image.');
    await expect(args.onReject).toHaveBeenCalledWith(expect.objectContaining({ code: 'not-image' }));
    await expect(args.onValueChange).not.toHaveBeenCalled();
  },
};

export const FromUrl: Story = {
  play: async ({ canvasElement, userEvent, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Image URL' }), 'javascript:alert(1){Enter}');
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Enter an image address starting with https://.');
    await userEvent.clear(canvas.getByRole('textbox', { name: 'Image URL' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Image URL' }), 'https://images.example/cat.jpg');
    await userEvent.click(canvas.getByRole('button', { name: 'Use URL' }));
    await expect(args.onValueChange).toHaveBeenCalledWith('https://images.example/cat.jpg');
    await expect(canvas.getByRole('button', { name: 'Remove image' })).toBeVisible();
  },
};

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByLabelText('Choose image')).toBeDisabled();
    await expect(within(canvasElement).getByRole('textbox', { name: 'Image URL' })).toBeDisabled();
  },
};
