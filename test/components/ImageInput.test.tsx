import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageInput, type PreparedImage } from '../../src/components/ImageInput';
import { ImagePreflightError, type PreflightedImage, type PreflightOptions } from '../../src/core/preflight';
import type { VideoSize } from '../../src/core/submitInputSchema';
import { expectNoAxeViolations } from './expectNoAxeViolations';
import { imageFile, stubImageDecoding } from './stubImageDecoding';

let stub: ReturnType<typeof stubImageDecoding>;
beforeEach(() => {
  stub = stubImageDecoding();
});

async function text(blob: Blob) {
  return blob.text();
}

describe('ImageInput', () => {
  it('takes a file chosen with the keyboard and previews the framing that will be sent', async () => {
    const user = userEvent.setup();
    const onPreparedChange = vi.fn<(p: PreparedImage | undefined) => void>();
    const onValueChange = vi.fn();
    const { container } = render(<ImageInput onPreparedChange={onPreparedChange} onValueChange={onValueChange} />);
    await expectNoAxeViolations(container);
    const input = screen.getByLabelText('Choose image');
    await user.tab();
    expect(input).toHaveFocus();
    const file = imageFile(4032, 3024);
    await user.upload(input, file);
    const preview = await screen.findByRole('img', { name: /framed as it will be sent/ });
    expect(onValueChange).toHaveBeenCalledWith(file);
    const prepared = onPreparedChange.mock.lastCall![0]!;
    expect(prepared).toMatchObject({ source: file, size: '1280*720', width: 1280, height: 720 });
    expect(await text(prepared.image as Blob)).toBe('1280x720');
    expect(stub.urls.get(preview.getAttribute('src')!)).toBe(prepared.image);
    expect(screen.getByRole('group', { name: 'Image' })).toHaveAttribute('data-status', 'ready');
    await expectNoAxeViolations(container);
  });

  it('re-frames the same image when the size changes', async () => {
    const user = userEvent.setup();
    const prepared: (PreparedImage | undefined)[] = [];
    function Harness() {
      const [size, setSize] = useState<VideoSize>('1280*720');
      return (
        <>
          <button type="button" onClick={() => setSize('720*1280')}>portrait</button>
          <ImageInput size={size} onPreparedChange={(p) => prepared.push(p)} />
        </>
      );
    }
    render(<Harness />);
    await user.upload(screen.getByLabelText('Choose image'), imageFile(4032, 3024));
    await waitFor(() => expect(prepared.at(-1)?.width).toBe(1280));
    await user.click(screen.getByRole('button', { name: 'portrait' }));
    await waitFor(() => expect(prepared.at(-1)).toMatchObject({ size: '720*1280', width: 720, height: 1280 }));
    expect(await text(prepared.at(-1)!.image as Blob)).toBe('720x1280');
  });

  const rejections = [
    ['not-image', new File(['hello'], 'notes-400x400.txt', { type: 'text/plain' }), /not an image/],
    ['unsupported-type', new File(['x'], 'photo-4000x3000.heic', { type: 'image/heic' }), /type is not supported/],
    ['too-large', imageFile(4000, 3000, 'image/jpeg', 21 * 1024 * 1024), /too large \(21 MB\); the limit is 20 MB/],
    ['too-small', imageFile(200, 120), /at least 256 pixels/],
    ['unreadable', new File([new Uint8Array(10)], 'corrupt-800x600.png', { type: 'image/png' }), /could not be read/],
  ] as const;

  it.each(rejections)('rejects %s with a typed reason and keeps the previous image', async (code, bad, message) => {
    const user = userEvent.setup({ applyAccept: false });
    const onReject = vi.fn();
    const onValueChange = vi.fn();
    const { container } = render(<ImageInput onReject={onReject} onValueChange={onValueChange} />);
    const input = screen.getByLabelText('Choose image');
    const good = imageFile(1600, 900);
    await user.upload(input, good);
    const preview = await screen.findByRole('img');
    const src = preview.getAttribute('src');

    await user.upload(input, bad);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveAttribute('data-code', code);
    expect(onReject).toHaveBeenCalledWith(expect.objectContaining({ code, file: bad }));
    expect(onValueChange).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('img')).toHaveAttribute('src', src);
    await expectNoAxeViolations(container);

    // A good file afterwards clears the reason.
    await user.upload(input, imageFile(1000, 1000));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('holds files to the limits it is given and names them', async () => {
    const user = userEvent.setup();
    render(<ImageInput minDimension={1000} maxBytes={2 * 1024 * 1024} />);
    const input = screen.getByLabelText('Choose image');
    await user.upload(input, imageFile(1200, 800));
    expect(await screen.findByRole('alert')).toHaveTextContent('at least 1000 pixels');
    await user.upload(input, imageFile(2000, 2000, 'image/jpeg', 3 * 1024 * 1024));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('(3 MB); the limit is 2 MB'));
  });

  it('takes a dropped file and shows the drag state', async () => {
    const onValueChange = vi.fn();
    render(<ImageInput onValueChange={onValueChange} />);
    const zone = screen.getByRole('group', { name: 'Image' });
    fireEvent.dragEnter(zone, { dataTransfer: { files: [] } });
    expect(zone).toHaveAttribute('data-state', 'dragging');
    const file = imageFile(1280, 720);
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    await waitFor(() => expect(onValueChange).toHaveBeenCalledWith(file));
    expect(zone).toHaveAttribute('data-state', 'filled');
  });

  it('takes a pasted file, and a pasted URL outside text fields', async () => {
    const onValueChange = vi.fn();
    render(<ImageInput onValueChange={onValueChange} />);
    const choose = screen.getByLabelText('Choose image');
    const file = imageFile(1280, 720);
    fireEvent.paste(choose, { clipboardData: { files: [file], getData: () => '' } });
    await waitFor(() => expect(onValueChange).toHaveBeenCalledWith(file));
    fireEvent.paste(choose, { clipboardData: { files: [], getData: () => 'https://cdn.example.com/cat-1600x900.png' } });
    await waitFor(() => expect(onValueChange).toHaveBeenLastCalledWith('https://cdn.example.com/cat-1600x900.png'));
    expect(await screen.findByRole('img', { name: /framed as it will be sent/ })).toBeInTheDocument();
  });

  it('a URL pasted while a file is still being prepared replaces it, and nothing stays "preparing"', async () => {
    const onValueChange = vi.fn();
    render(<ImageInput onValueChange={onValueChange} />);
    const choose = screen.getByLabelText('Choose image');
    fireEvent.paste(choose, { clipboardData: { files: [imageFile(4032, 3024)], getData: () => '' } });
    expect(screen.getByText('Preparing image…')).toBeInTheDocument();
    fireEvent.paste(choose, { clipboardData: { files: [], getData: () => 'https://cdn.example.com/cat-1600x900.png' } });
    await waitFor(() => expect(screen.queryByText('Preparing image…')).not.toBeInTheDocument());
    expect(screen.getByRole('group', { name: 'Image' })).not.toHaveAttribute('data-status', 'preparing');
    expect(onValueChange).toHaveBeenCalledTimes(1);
    expect(onValueChange).toHaveBeenLastCalledWith('https://cdn.example.com/cat-1600x900.png');
  });

  it('takes a typed URL with Enter or the button, and rejects what is not http(s)', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const onValueChange = vi.fn();
    render(
      <form onSubmit={onSubmit}>
        <ImageInput onValueChange={onValueChange} />
      </form>,
    );
    const url = screen.getByRole('textbox', { name: 'Image URL' });
    await user.type(url, 'javascript:alert(1){Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent(/starting with https/);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onValueChange).not.toHaveBeenCalled();
    await user.clear(url);
    await user.type(url, 'https://cdn.example.com/dog-1600x900.jpg');
    await user.click(screen.getByRole('button', { name: 'Use URL' }));
    await waitFor(() => expect(onValueChange).toHaveBeenCalledWith('https://cdn.example.com/dog-1600x900.jpg'));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove image' }));
    expect(onValueChange).toHaveBeenLastCalledWith(null);
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('prepares a controlled value set from outside, and shows the rejection if it fails', async () => {
    const onPreparedChange = vi.fn();
    const { rerender } = render(<ImageInput value={imageFile(2000, 2000)} onPreparedChange={onPreparedChange} />);
    await waitFor(() => expect(onPreparedChange).toHaveBeenLastCalledWith(expect.objectContaining({ width: 1280, height: 720 })));
    rerender(<ImageInput value={imageFile(100, 100)} onPreparedChange={onPreparedChange} />);
    expect(await screen.findByRole('alert')).toHaveAttribute('data-code', 'too-small');
    await act(async () => {});
    // Not stuck "preparing" after a failure.
    expect(screen.queryByText('Preparing image…')).toBeNull();
    expect(screen.getByRole('group', { name: 'Image' })).toHaveAttribute('data-status', 'rejected');
  });
});

describe('ImageInput preparing one choice at a time', () => {
  /** A preflight that settles only when the test says, recording each attempt's signal. */
  function heldPreflight() {
    const attempts: { file: Blob; options: PreflightOptions; resolve: (result: PreflightedImage) => void }[] = [];
    const preflight = (file: Blob, options: PreflightOptions) =>
      new Promise<PreflightedImage>((resolve) => attempts.push({ file, options, resolve }));
    const framed = (text: string): PreflightedImage => ({ blob: new Blob([text], { type: 'image/jpeg' }), width: 1280, height: 720, processed: true });
    return { attempts, preflight, framed };
  }

  it('aborts the decode a newer choice supersedes, and never shows its result', async () => {
    const user = userEvent.setup();
    const { attempts, preflight, framed } = heldPreflight();
    const onValueChange = vi.fn();
    render(<ImageInput preflight={preflight} onValueChange={onValueChange} />);
    const input = screen.getByLabelText('Choose image');
    const first = imageFile(4032, 3024);
    const second = imageFile(1600, 900);
    await user.upload(input, first);
    await waitFor(() => expect(attempts).toHaveLength(1));
    await user.upload(input, second);
    await waitFor(() => expect(attempts).toHaveLength(2));
    expect(attempts[0]!.file).toBe(first);
    expect(attempts[0]!.options.signal?.aborted).toBe(true);
    expect(attempts[1]!.options.signal?.aborted).toBe(false);

    act(() => attempts[1]!.resolve(framed('second')));
    const preview = await screen.findByRole('img', { name: /framed as it will be sent/ });
    // The superseded decode finishing late changes nothing.
    await act(async () => attempts[0]!.resolve(framed('first')));
    expect(onValueChange.mock.calls).toEqual([[second]]);
    expect(await text(stub.urls.get(preview.getAttribute('src')!)!)).toBe('second');
    expect(screen.getByRole('group', { name: 'Image' })).toHaveAttribute('data-status', 'ready');
  });

  it('aborts the framing for the old size when the size changes, and when unmounted', async () => {
    const { attempts, preflight, framed } = heldPreflight();
    const file = imageFile(4032, 3024);
    const { rerender, unmount } = render(<ImageInput value={file} preflight={preflight} />);
    await waitFor(() => expect(attempts).toHaveLength(1));
    rerender(<ImageInput value={file} preflight={preflight} size="720*1280" />);
    await waitFor(() => expect(attempts).toHaveLength(2));
    expect(attempts[0]!.options).toMatchObject({ size: '1280*720', signal: expect.objectContaining({ aborted: true }) });
    expect(attempts[1]!.options).toMatchObject({ size: '720*1280', signal: expect.objectContaining({ aborted: false }) });
    await act(async () => attempts[0]!.resolve(framed('landscape')));
    expect(screen.queryByRole('img')).toBeNull();
    unmount();
    expect(attempts[1]!.options.signal?.aborted).toBe(true);
  });

  it('tries a refused URL again when it is entered again (the network may have been at fault)', async () => {
    const user = userEvent.setup();
    const loadUrl = vi.fn(async () => {
      throw new ImagePreflightError('not-image', 'The address did not load as an image.');
    });
    render(<ImageInput loadUrl={loadUrl} />);
    const field = screen.getByRole('textbox', { name: 'Image URL' });
    await user.type(field, 'https://cdn.example.com/cat.jpg{Enter}');
    expect(await screen.findByRole('alert')).toHaveAttribute('data-code', 'not-image');
    await user.type(field, '{Enter}');
    await waitFor(() => expect(loadUrl).toHaveBeenCalledTimes(2));
    expect(await screen.findByRole('alert')).toHaveAttribute('data-code', 'not-image');
  });

  it('words a refusal from the labels it has now, so switching language rewords it', async () => {
    const user = userEvent.setup();
    const english = { rejection: (code: string) => `Refused: ${code}` };
    const french = { rejection: (code: string) => `Refusée : ${code}` };
    const { rerender } = render(<ImageInput labels={english} />);
    await user.upload(screen.getByLabelText('Choose image'), imageFile(200, 120));
    expect(await screen.findByRole('alert')).toHaveTextContent('Refused: too-small');
    rerender(<ImageInput labels={french} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Refusée : too-small');
  });

  it('names the limit it holds to now in a refusal already shown', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<ImageInput minDimension={1000} />);
    await user.upload(screen.getByLabelText('Choose image'), imageFile(900, 900));
    expect(await screen.findByRole('alert')).toHaveTextContent('at least 1000 pixels');
    rerender(<ImageInput minDimension={950} />);
    expect(screen.getByRole('alert')).toHaveTextContent('at least 950 pixels');
  });
});

describe('ImageInput in right-to-left', () => {
  it('keeps the URL field left to right', () => {
    render(
      <div dir="rtl">
        <ImageInput />
      </div>,
    );
    expect(screen.getByRole('textbox', { name: 'Image URL' })).toHaveAttribute('dir', 'ltr');
  });
});

describe('ImageInput with an image URL', () => {
  beforeEach(() => {
    stubImageDecoding();
  });

  it.each([
    ['not an image', 'https://cdn.example.com/notes.txt', 'not-image', /not an image/],
    ['too small', 'https://cdn.example.com/pixel-1x1.png', 'too-small', /too small/],
    ['too small, even unreadable', 'https://no-cors.example.com/pixel-1x1.png', 'too-small', /too small/],
  ])('refuses a URL that is %s, as a file would be, keeping the last choice', async (_name, address, code, message) => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    const onPreparedChange = vi.fn();
    render(<ImageInput onValueChange={onValueChange} onPreparedChange={onPreparedChange} />);
    await user.type(screen.getByRole('textbox', { name: 'Image URL' }), `${address}{Enter}`);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveAttribute('data-code', code);
    expect(alert).toHaveTextContent(message);
    expect(onValueChange).not.toHaveBeenCalled();
    expect(onPreparedChange).not.toHaveBeenCalledWith(expect.objectContaining({ source: address }));
    // What was typed is still there to fix.
    expect(screen.getByRole('textbox', { name: 'Image URL' })).toHaveValue(address);
  });

  it('frames a URL whose origin allows it, like a file, for the chosen size', async () => {
    const user = userEvent.setup();
    const onPreparedChange = vi.fn();
    const { rerender } = render(<ImageInput onPreparedChange={onPreparedChange} />);
    await user.type(screen.getByRole('textbox', { name: 'Image URL' }), 'https://cdn.example.com/photo-4032x3024.jpg{Enter}');
    await screen.findByRole('img', { name: /framed as it will be sent/ });
    const prepared = onPreparedChange.mock.lastCall![0] as PreparedImage;
    expect(prepared).toMatchObject({ source: 'https://cdn.example.com/photo-4032x3024.jpg', width: 1280, height: 720 });
    expect(prepared.image).toBeInstanceOf(Blob);
    rerender(<ImageInput onPreparedChange={onPreparedChange} size="720*1280" />);
    await waitFor(() => expect(onPreparedChange).toHaveBeenLastCalledWith(expect.objectContaining({ size: '720*1280', width: 720, height: 1280 })));
  });

  it('says so when the origin does not allow framing, and sends the URL as it is', async () => {
    const user = userEvent.setup();
    const onPreparedChange = vi.fn();
    render(<ImageInput onPreparedChange={onPreparedChange} />);
    const address = 'https://no-cors.example.com/photo-4032x3024.jpg';
    await user.type(screen.getByRole('textbox', { name: 'Image URL' }), `${address}{Enter}`);
    const preview = await screen.findByRole('img', { name: 'Chosen image, as it is at its address' });
    expect(preview).toHaveAttribute('src', address);
    expect(screen.queryByRole('img', { name: /framed as it will be sent/ })).toBeNull();
    expect(screen.getByText(/does not let this page frame it/)).toBeVisible();
    expect(onPreparedChange).toHaveBeenLastCalledWith(expect.objectContaining({ source: address, image: address }));
  });
});
