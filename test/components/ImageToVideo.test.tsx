import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { ImageToVideoError } from '../../src/core/ImageToVideoError';
import type { VideoSize } from '../../src/core/submitInputSchema';
import { expectNoAxeViolations } from './expectNoAxeViolations';
import { renderWithProvider } from './renderWithProvider';
import { prediction, scriptedTransport, VIDEO_URL } from './scriptedTransport';
import { imageFile, stubImageDecoding } from './stubImageDecoding';

beforeEach(() => {
  stubImageDecoding();
});
afterEach(() => sessionStorage.clear());

/** Presses Tab until `element` has focus: proves it is reachable by keyboard. */
async function tabTo(user: UserEvent, element: HTMLElement) {
  for (let i = 0; i < 30 && document.activeElement !== element; i++) await user.tab();
  expect(element).toHaveFocus();
}

async function chooseImage(user: UserEvent, file = imageFile(4032, 3024)) {
  await user.upload(screen.getByLabelText('Choose image'), file);
  await screen.findByRole('img', { name: /framed as it will be sent/ });
}

describe('<ImageToVideo>', () => {
  it('runs the whole flow by keyboard, sending the frame the size picker shows', async () => {
    const user = userEvent.setup();
    const { transport, uploaded } = scriptedTransport({
      results: [prediction({ status: 'completed', outputs: [VIDEO_URL], timings: { inference: 41_000 } })],
    });
    const onSubmitted = vi.fn();
    const onCompleted = vi.fn();
    const { container } = renderWithProvider(<ImageToVideo onSubmitted={onSubmitted} onCompleted={onCompleted} />, transport);
    await expectNoAxeViolations(container);

    const submit = screen.getByRole('button', { name: 'Generate video' });
    expect(submit).toHaveAccessibleDescription('Choose an image first.');

    const choose = screen.getByLabelText('Choose image');
    await tabTo(user, choose);
    await chooseImage(user);
    expect(submit).toHaveAccessibleDescription('Write a prompt first.');

    await tabTo(user, screen.getByRole('radio', { name: 'Landscape 1280×720' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Portrait 720×1280' })).toBeChecked();

    await tabTo(user, screen.getByRole('radio', { name: '5 s' }));
    expect(screen.getByRole('radio', { name: '5 s' })).toHaveAccessibleDescription('$0.20');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: '10 s' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '10 s' })).toHaveAccessibleDescription('$0.40');

    await tabTo(user, screen.getByRole('textbox', { name: 'Prompt' }));
    await user.keyboard('The cat slowly turns its head');
    expect(submit).not.toHaveAttribute('aria-disabled');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(transport.submit).toHaveBeenCalledTimes(1));
    // Re-framed for portrait after the size changed, uploaded once, and sent by URL.
    expect(await uploaded[0]!.text()).toBe('720x1280');
    expect(transport.submit.mock.calls[0]![0]).toEqual({
      image: 'https://cdn.example.com/uploads/1-720x1280.jpg',
      prompt: 'The cat slowly turns its head',
      size: '720*1280',
      duration: 10,
    });
    expect(onSubmitted).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('status', {}, { timeout: 4000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your video is ready.'), { timeout: 4000 });
    const video = screen.getByLabelText('Generated video');
    expect(video).toHaveAttribute('src', VIDEO_URL);
    expect(screen.getByRole('link', { name: 'Download video' })).toHaveAttribute('href', VIDEO_URL);
    expect(screen.getByText('Generated in 41 s')).toBeInTheDocument();
    expect(onCompleted).toHaveBeenCalledWith(expect.objectContaining({ id: 'pred_1' }));
    await expectNoAxeViolations(container);
  }, 15_000);

  it('starts one job on a double click', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({ submits: [prediction({ status: 'completed', outputs: [VIDEO_URL] })] });
    renderWithProvider(<ImageToVideo defaultPrompt="waves" />, transport);
    await chooseImage(user);
    await user.dblClick(screen.getByRole('button', { name: 'Generate video' }));
    await screen.findByText('Your video is ready.');
    expect(transport.submit).toHaveBeenCalledTimes(1);
    expect(transport.upload).toHaveBeenCalledTimes(1);
  });

  it('starts exactly one job under StrictMode', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({ submits: [prediction({ status: 'completed', outputs: [VIDEO_URL] })] });
    renderWithProvider(
      <StrictMode>
        <ImageToVideo defaultPrompt="waves" />
      </StrictMode>,
      transport,
    );
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await screen.findByText('Your video is ready.');
    expect(transport.submit).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Generated video')).toHaveAttribute('src', VIDEO_URL);
  });

  it('blocks the button while a job runs and says so', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({ results: [prediction({ status: 'processing' })] });
    const { container } = renderWithProvider(<ImageToVideo defaultPrompt="waves" />, transport);
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/Queued|Generating/));
    const button = screen.getByRole('button', { name: 'Generate video' });
    expect(button).toHaveAccessibleDescription('A video is being made.');
    await user.click(button);
    expect(transport.submit).toHaveBeenCalledTimes(1);
    // The source image is the poster while it runs.
    expect(screen.getByRole('img', { name: 'Source image' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('keeps everything after a failure and tries again without choosing the image again', async () => {
    const user = userEvent.setup();
    const onError = vi.fn();
    const { transport } = scriptedTransport({
      submits: [
        new ImageToVideoError('rate-limited', 'Too Many Requests', { status: 429, retryAfterMs: 20_000 }),
        prediction({ status: 'completed', outputs: [VIDEO_URL] }),
      ],
    });
    const { container } = renderWithProvider(<ImageToVideo onError={onError} />, transport);
    await chooseImage(user);
    await user.click(screen.getByRole('radio', { name: /Portrait/ }));
    await user.click(screen.getByRole('radio', { name: '10 s' }));
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a sunset');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many videos at once. Try again in 20 s.');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'rate-limited' }));
    expect(screen.getByRole('img', { name: /framed as it will be sent/ })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Portrait/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: '10 s' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a sunset');
    await expectNoAxeViolations(container);

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText('Your video is ready.');
    expect(transport.submit).toHaveBeenCalledTimes(2);
    expect(transport.upload).toHaveBeenCalledTimes(1);
    expect(transport.submit.mock.calls[1]![0]).toEqual(transport.submit.mock.calls[0]![0]);
  });

  it('after a moderation refusal offers no blind retry: "Edit prompt" focuses the prompt, "Choose another image" the chooser', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({
      submits: [prediction({ status: 'failed', code: 1200, error: 'nsfw' }), prediction({ id: 'pred_2', status: 'completed', outputs: [VIDEO_URL] })],
    });
    renderWithProvider(<ImageToVideo defaultPrompt="first" />, transport);
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/refused by content moderation/);
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'Choose another image' }));
    expect(screen.getByLabelText('Choose image')).toHaveFocus();
    await user.click(within(alert).getByRole('button', { name: 'Edit prompt' }));
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    expect(prompt).toHaveFocus();
    await user.clear(prompt);
    await user.type(prompt, 'second');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await screen.findByText('Your video is ready.');
    expect(transport.submit.mock.calls[1]![0]).toMatchObject({ prompt: 'second', image: 'https://cdn.example.com/uploads/1-720x1280.jpg' });
    expect(transport.upload).toHaveBeenCalledTimes(1);
  });

  it('resumes watching the running job after a remount (sessionStorage), with the submitted input in the form', async () => {
    const user = userEvent.setup();
    const first = scriptedTransport({ results: [prediction({ status: 'processing' })] });
    const view = renderWithProvider(<ImageToVideo defaultPrompt="waves" />, first.transport);
    await chooseImage(user);
    await user.click(screen.getByRole('radio', { name: /Portrait/ }));
    await user.click(screen.getByRole('radio', { name: '10 s' }));
    await screen.findByRole('img', { name: /framed as it will be sent/ });
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(sessionStorage.getItem('react-image-to-video:job')).toContain('pred_1'));
    view.unmount();

    // A "reload": a new client and a new tree.
    const second = scriptedTransport({ results: [prediction({ status: 'completed', outputs: [VIDEO_URL] })] });
    renderWithProvider(<ImageToVideo />, second.transport);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('waves'));
    expect(screen.getByRole('radio', { name: /Portrait/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: '10 s' })).toBeChecked();
    // The restored image URL loads before it counts, as a typed one does, and is taken.
    await waitFor(() => expect(screen.getByRole('group', { name: 'Image' })).toHaveAttribute('data-status', 'ready'));
    await screen.findByRole('img', { name: /framed as it will be sent/ });
    await screen.findByText('Your video is ready.');
    expect(second.transport.getResult).toHaveBeenCalledWith('pred_1', expect.anything());
    expect(second.transport.submit).not.toHaveBeenCalled();
    await waitFor(() => expect(sessionStorage.getItem('react-image-to-video:job')).toBeNull());
  });

  it('still resumes a job stored as a bare id', async () => {
    sessionStorage.setItem('react-image-to-video:job', 'pred_1');
    const { transport } = scriptedTransport({ results: [prediction({ status: 'completed', outputs: [VIDEO_URL] })] });
    renderWithProvider(<ImageToVideo />, transport);
    await screen.findByText('Your video is ready.');
    expect(transport.getResult).toHaveBeenCalledWith('pred_1', expect.anything());
  });

  it('does not persist with persist={false}', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({ results: [prediction({ status: 'processing' })] });
    renderWithProvider(<ImageToVideo defaultPrompt="waves" persist={false} />, transport);
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(transport.submit).toHaveBeenCalled());
    expect(sessionStorage.length).toBe(0);
  });

  it('follows controlled size and duration and reports changes', async () => {
    const user = userEvent.setup();
    const onSizeChange = vi.fn();
    const { transport } = scriptedTransport({});
    function Host() {
      const [size, setSize] = useState<VideoSize>('720*1280');
      return (
        <ImageToVideo
          size={size}
          onSizeChange={(next) => {
            onSizeChange(next);
            setSize(next);
          }}
          duration={10}
          defaultPrompt="waves"
        />
      );
    }
    renderWithProvider(<Host />, transport);
    expect(screen.getByRole('radio', { name: /Portrait/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: '10 s' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: '5 s' }));
    // Controlled without a handler: stays.
    expect(screen.getByRole('radio', { name: '10 s' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /Landscape/ }));
    expect(onSizeChange).toHaveBeenCalledWith('1280*720');
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(transport.submit).toHaveBeenCalled());
    expect(transport.submit.mock.calls[0]![0]).toMatchObject({ size: '1280*720', duration: 10 });
  });

  it('takes a controlled image URL and prompt, and sends the URL as it is where its origin forbids framing', async () => {
    const user = userEvent.setup();
    const onPromptChange = vi.fn();
    const { transport } = scriptedTransport({ submits: [prediction({ status: 'completed', outputs: [VIDEO_URL] })] });
    function Host() {
      const [prompt, setPrompt] = useState('a fox');
      return (
        <ImageToVideo
          image="https://no-cors.example.com/fox-1600x900.jpg"
          prompt={prompt}
          onPromptChange={(next) => {
            onPromptChange(next);
            setPrompt(next.toUpperCase());
          }}
        />
      );
    }
    renderWithProvider(<Host />, transport);
    expect(await screen.findByRole('img', { name: 'Chosen image, as it is at its address' })).toHaveAttribute('src', 'https://no-cors.example.com/fox-1600x900.jpg');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 's');
    expect(onPromptChange).toHaveBeenCalledWith('a foxs');
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('A FOXS');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await screen.findByText('Your video is ready.');
    expect(transport.upload).not.toHaveBeenCalled();
    expect(transport.submit.mock.calls[0]![0]).toMatchObject({ image: 'https://no-cors.example.com/fox-1600x900.jpg', prompt: 'A FOXS' });
  });

  it('starts no paid task for a URL that is not an image', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({});
    renderWithProvider(<ImageToVideo defaultPrompt="waves" />, transport);
    await user.type(screen.getByRole('textbox', { name: 'Image URL' }), 'https://cdn.example.com/readme.txt{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/not an image/);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    expect(screen.getByRole('button', { name: 'Generate video' })).toHaveAccessibleDescription('Choose an image first.');
    expect(transport.submit).not.toHaveBeenCalled();
    expect(transport.upload).not.toHaveBeenCalled();
  });

  it('replaces every label and marks unstyled; className and props reach the form', async () => {
    const { transport } = scriptedTransport({});
    const { container } = renderWithProvider(
      <ImageToVideo
        unstyled
        className="r"
        aria-label="Make a video"
        labels={{ submit: 'Vidéo', prompt: 'Consigne', size: 'Format', duration: 'Durée', image: 'Photo' }}
        pricePerFiveSeconds={0.5}
        currency="EUR"
      />,
      transport,
    );
    const form = screen.getByRole('form', { name: 'Make a video' });
    expect(form).toBe(container.querySelector('form'));
    expect(form).toHaveClass('r');
    expect(form).toHaveAttribute('data-i2v-unstyled', '');
    expect(screen.getByRole('button', { name: 'Vidéo' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Consigne' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Format' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Durée' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '5 s' })).toHaveAccessibleDescription('€0.50');
  });

  it('works with a transport prop and no provider', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({ submits: [prediction({ status: 'completed', outputs: [VIDEO_URL] })] });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ImageToVideo transport={transport} defaultPrompt="waves" />
      </QueryClientProvider>,
    );
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    expect(await screen.findByLabelText('Generated video')).toHaveAttribute('src', VIDEO_URL);
    expect(transport.upload).toHaveBeenCalledTimes(1);
  });

  it('takes queryClient and transport as props with no QueryClientProvider, player included', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({ submits: [prediction({ status: 'completed', outputs: [VIDEO_URL] })] });
    render(<ImageToVideo queryClient={new QueryClient()} transport={transport} defaultPrompt="waves" />);
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await screen.findByText('Your video is ready.');
    expect(screen.getByLabelText('Generated video')).toHaveAttribute('src', VIDEO_URL);
  });

  it('takes an image pasted anywhere in the drop-in, but leaves text pasted into the prompt alone', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({});
    renderWithProvider(<ImageToVideo />, transport);
    const paste = (target: Element, files: File[], text = '') => fireEvent.paste(target, { clipboardData: { files, getData: () => text } });

    // Focus on the size radios.
    const portrait = screen.getByRole('radio', { name: /Portrait/ });
    await user.click(portrait);
    paste(portrait, [imageFile(4032, 3024)]);
    const preview = await screen.findByRole('img', { name: /framed as it will be sent/ });

    // Nothing focused, after a click inside the drop-in: the paste targets <body>.
    await user.click(screen.getByText('or drop or paste an image here'));
    (document.activeElement as HTMLElement | null)?.blur();
    paste(document.body, [imageFile(3000, 2000)]);
    await waitFor(() => expect(screen.getByRole('img', { name: /framed as it will be sent/ })).not.toHaveAttribute('src', preview.getAttribute('src')!));

    // Text pasted into the prompt is the prompt's.
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    await user.click(prompt);
    await user.paste('https://cdn.example.com/not-the-image.png');
    expect(prompt).toHaveValue('https://cdn.example.com/not-the-image.png');
    expect(screen.getByRole('textbox', { name: 'Image URL' })).toHaveValue('');
  });

  it('leaves pastes outside the drop-in alone', async () => {
    const user = userEvent.setup();
    const onImageChange = vi.fn();
    const { transport } = scriptedTransport({});
    renderWithProvider(
      <div>
        <button type="button">elsewhere</button>
        <ImageToVideo onImageChange={onImageChange} />
      </div>,
      transport,
    );
    const elsewhere = screen.getByRole('button', { name: 'elsewhere' });
    await user.click(elsewhere);
    fireEvent.paste(elsewhere, { clipboardData: { files: [imageFile(4032, 3024)], getData: () => '' } });
    elsewhere.blur();
    fireEvent.paste(document.body, { clipboardData: { files: [imageFile(4032, 3024)], getData: () => '' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onImageChange).not.toHaveBeenCalled();
  });

  it('cancels an upload in flight and keeps the inputs', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({});
    let aborted = false;
    transport.upload.mockImplementation(
      (_file, options) =>
        new Promise((_resolve, reject) => {
          options?.onProgress?.({ loaded: 10, total: 100 });
          options?.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    renderWithProvider(<ImageToVideo defaultPrompt="waves" />, transport);
    await chooseImage(user);
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Uploading image…'));
    expect(screen.getByText('10%')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Canceled.'));
    expect(aborted).toBe(true);
    expect(transport.submit).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('waves');
    expect(screen.getByRole('button', { name: 'Generate video' })).not.toHaveAttribute('aria-disabled');
  });

  it('shows cost with the overridden price', () => {
    const { transport } = scriptedTransport({});
    renderWithProvider(<ImageToVideo pricePerFiveSeconds={0.5} currency="EUR" />, transport);
    expect(screen.getByRole('radio', { name: '10 s' })).toHaveAccessibleDescription('€1.00');
  });
});
