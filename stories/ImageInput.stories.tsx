import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import type { MswApi } from 'msw-storybook-addon/types';
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

const PHOTO_URL = 'https://images.example/cat-1600x1000.jpg';

export const FromUrl: Story = {
  // A URL counts once the browser has loaded it; here the photo is served with CORS, so it is framed like a file.
  beforeEach: async ({ msw }: { msw: MswApi }) => {
    const photo = await makePhoto('landscape');
    msw.use(
      http.get(PHOTO_URL, async () =>
        HttpResponse.arrayBuffer(await photo.arrayBuffer(), { headers: { 'content-type': 'image/jpeg', 'access-control-allow-origin': '*' } }),
      ),
    );
  },
  play: async ({ canvasElement, userEvent, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Image URL' }), 'javascript:alert(1){Enter}');
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Enter an image address starting with https://.');
    await userEvent.clear(canvas.getByRole('textbox', { name: 'Image URL' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'Image URL' }), PHOTO_URL);
    await userEvent.click(canvas.getByRole('button', { name: 'Use URL' }));
    await waitFor(() => expect(args.onValueChange).toHaveBeenCalledWith(PHOTO_URL), { timeout: 15_000 });
    await preview(canvasElement);
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
