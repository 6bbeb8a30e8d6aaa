import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState, type ReactElement } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { ImageToVideoProvider } from '../../src/hooks/ImageToVideoProvider';
import { expectNoAxeViolations } from './expectNoAxeViolations';
import { renderWithProvider } from './renderWithProvider';
import { prediction, scriptedTransport, VIDEO_URL } from './scriptedTransport';
import { imageFile, stubImageDecoding } from './stubImageDecoding';

beforeEach(() => {
  stubImageDecoding();
});

/** A layout of our own: the result first, the fields in a list. */
/** The provider under test, inside a query client. */
function WithLabels({ labels, children }: { labels: Parameters<typeof ImageToVideoProvider>[0]['labels']; children: ReactElement }) {
  const [client] = useState(() => new QueryClient());
  const [transport] = useState(() => scriptedTransport({}).transport);
  return (
    <QueryClientProvider client={client}>
      <ImageToVideoProvider transport={transport} labels={labels}>
        {children}
      </ImageToVideoProvider>
    </QueryClientProvider>
  );
}

function CustomLayout() {
  return (
    <ImageToVideo.Root persist={false} defaultPrompt="the cat turns its head" aria-label="Custom">
      <section aria-label="Result">
        <ImageToVideo.Status>
          <ImageToVideo.Progress />
          <ImageToVideo.Cancel />
        </ImageToVideo.Status>
        <ImageToVideo.Player />
      </section>
      <ul>
        <li>
          <ImageToVideo.Image />
        </li>
        <li>
          <ImageToVideo.Size />
        </li>
        <li>
          <ImageToVideo.Duration />
        </li>
        <li>
          <ImageToVideo.Prompt />
        </li>
      </ul>
      <ImageToVideo.Submit />
    </ImageToVideo.Root>
  );
}

describe('compound parts', () => {
  it('run the whole job in a layout of their own', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({
      submits: [prediction({ status: 'processing' })],
      results: [prediction({ status: 'processing' }), prediction({ status: 'completed', outputs: [VIDEO_URL] })],
    });
    const { container } = renderWithProvider(<CustomLayout />, transport);
    await expectNoAxeViolations(container);

    expect(screen.getByRole('radiogroup', { name: 'Size' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Duration' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('the cat turns its head');
    const submit = screen.getByRole('button', { name: 'Generate video' });
    expect(submit).toHaveAccessibleDescription('Choose an image first.');
    // Idle: the stage holds the place of the player, at the chosen size.
    expect(container.querySelector('[data-i2v-part="stage"]')).toHaveAttribute('data-size', '1280*720');

    await user.upload(screen.getByLabelText('Choose image'), imageFile(4032, 3024));
    await screen.findByRole('img', { name: /framed as it will be sent/ });
    await user.click(screen.getByRole('radio', { name: 'Portrait 720×1280' }));
    expect(screen.getByRole('form', { name: 'Custom' })).toHaveAttribute('data-size', '720*1280');
    await waitFor(() => expect(submit).not.toHaveAccessibleDescription());
    await user.click(submit);

    expect(await screen.findByRole('progressbar', { name: 'Video progress' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveAccessibleDescription(/may still finish/);
    expect(screen.getByRole('radio', { name: 'Portrait 720×1280' })).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Generating video…');

    expect(await screen.findByLabelText('Generated video', {}, { timeout: 4000 })).toHaveAttribute('src', VIDEO_URL);
    expect(screen.getByRole('status')).toHaveTextContent('Your video is ready.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(transport.submit.mock.calls[0]![0]).toMatchObject({ size: '720*1280', prompt: 'the cat turns its head' });
  }, 15_000);

  it('cancel stops the job, and a handler that prevents the default keeps it', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({ submits: [prediction({ status: 'processing' })], results: [prediction({ status: 'processing' })] });
    const keep = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    const { rerender } = renderWithProvider(
      <ImageToVideo.Root persist={false} defaultPrompt="waves" defaultImage="https://cdn.example.com/cat-1280x720.jpg">
        <ImageToVideo.Image />
        <ImageToVideo.Submit />
        <ImageToVideo.Status />
        <ImageToVideo.Cancel onClick={keep} className="stop" />
      </ImageToVideo.Root>,
      transport,
    );
    const submit = screen.getByRole('button', { name: 'Generate video' });
    await waitFor(() => expect(submit).not.toHaveAccessibleDescription());
    await user.click(submit);
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveClass('stop');
    await user.click(cancel);
    expect(keep).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveTextContent('Generating video…');

    rerender(
      <ImageToVideo.Root persist={false} defaultPrompt="waves" defaultImage="https://cdn.example.com/cat-1280x720.jpg">
        <ImageToVideo.Image />
        <ImageToVideo.Submit />
        <ImageToVideo.Status />
        <ImageToVideo.Cancel />
      </ImageToVideo.Root>,
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Canceled.'));
  });

  it('pass refs, className and props through to their element', () => {
    const { transport } = scriptedTransport({});
    const refs = {
      root: createRef<HTMLFormElement>(),
      inputs: createRef<HTMLDivElement>(),
      image: createRef<HTMLDivElement>(),
      size: createRef<HTMLDivElement>(),
      duration: createRef<HTMLDivElement>(),
      prompt: createRef<HTMLTextAreaElement>(),
      submit: createRef<HTMLButtonElement>(),
      result: createRef<HTMLDivElement>(),
      status: createRef<HTMLDivElement>(),
      player: createRef<HTMLDivElement>(),
    };
    renderWithProvider(
      <ImageToVideo.Root ref={refs.root} className="c-root" persist={false}>
        <ImageToVideo.Inputs ref={refs.inputs} className="c-inputs" data-testid="inputs">
          <ImageToVideo.Image ref={refs.image} className="c-image" />
          <ImageToVideo.Size ref={refs.size} className="c-size" />
          <ImageToVideo.Duration ref={refs.duration} className="c-duration" pricePerFiveSeconds={null} />
          <ImageToVideo.Prompt ref={refs.prompt} className="c-prompt" placeholder="Describe the motion" />
          <ImageToVideo.Submit ref={refs.submit} className="c-submit" />
        </ImageToVideo.Inputs>
        <ImageToVideo.Result ref={refs.result} className="c-result" data-testid="result">
          <ImageToVideo.Status ref={refs.status} className="c-status" />
          <ImageToVideo.Player ref={refs.player} className="c-player" />
        </ImageToVideo.Result>
      </ImageToVideo.Root>,
      transport,
    );
    for (const [name, ref] of Object.entries(refs)) {
      expect(ref.current, name).toBeInstanceOf(HTMLElement);
      expect(ref.current, name).toHaveClass(`c-${name}`);
    }
    expect(refs.root.current!.tagName).toBe('FORM');
    expect(refs.submit.current).toBe(screen.getByRole('button', { name: 'Generate video' }));
    expect(refs.prompt.current).toBe(screen.getByRole('textbox', { name: 'Prompt' }));
    expect(refs.prompt.current).toHaveAttribute('placeholder', 'Describe the motion');
    expect(refs.size.current).toBe(screen.getByRole('radiogroup', { name: 'Size' }));
    expect(refs.duration.current).toBe(screen.getByRole('radiogroup', { name: 'Duration' }));
    expect(screen.getByRole('radio', { name: '5 s' })).not.toHaveAccessibleDescription();
    expect(refs.status.current!.querySelector('[role="status"]')).not.toBeNull();
    expect(refs.player.current).toHaveAttribute('data-i2v-part', 'stage');
    expect(screen.getByTestId('result')).toHaveAttribute('data-size', '1280*720');
  });

  it('composes value handlers with the Root: both hear the change', async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({});
    const onSize = vi.fn();
    const onRootSize = vi.fn();
    renderWithProvider(
      <ImageToVideo.Root persist={false} onSizeChange={onRootSize}>
        <ImageToVideo.Size onValueChange={onSize} />
      </ImageToVideo.Root>,
      transport,
    );
    await user.click(screen.getByRole('radio', { name: 'Portrait 720×1280' }));
    expect(onSize).toHaveBeenCalledWith('720*1280');
    expect(onRootSize).toHaveBeenCalledWith('720*1280');
    expect(screen.getByRole('radio', { name: 'Portrait 720×1280' })).toBeChecked();
  });

  it("runs the Root's own onSubmit first; preventing the default there starts no job", async () => {
    const user = userEvent.setup();
    const { transport } = scriptedTransport({});
    const onSubmit = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    renderWithProvider(
      <ImageToVideo.Root persist={false} defaultPrompt="waves" defaultImage="https://cdn.example.com/cat-1280x720.jpg" onSubmit={onSubmit}>
        <ImageToVideo.Image />
        <ImageToVideo.Submit />
        <ImageToVideo.Status />
      </ImageToVideo.Root>,
      transport,
    );
    const submit = screen.getByRole('button', { name: 'Generate video' });
    await waitFor(() => expect(submit).not.toHaveAccessibleDescription());
    await user.click(submit);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    // Long enough for a started job to reach the transport.
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(transport.submit).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('throw a clear error outside a Root, while the standalone components work alone', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const parts: [string, ReactElement][] = [
      ['Image', <ImageToVideo.Image />],
      ['Size', <ImageToVideo.Size />],
      ['Duration', <ImageToVideo.Duration />],
      ['Prompt', <ImageToVideo.Prompt />],
      ['Submit', <ImageToVideo.Submit />],
      ['Status', <ImageToVideo.Status />],
      ['Progress', <ImageToVideo.Progress />],
      ['Cancel', <ImageToVideo.Cancel />],
      ['Player', <ImageToVideo.Player />],
      ['Inputs', <ImageToVideo.Inputs />],
      ['Result', <ImageToVideo.Result />],
    ];
    for (const [name, part] of parts) {
      expect(() => render(part), name).toThrow(`<ImageToVideo.${name}> must be inside <ImageToVideo.Root>`);
    }
    error.mockRestore();
  });
});

describe('labels', () => {
  it('come from the provider, under the Root and each part', () => {
    render(
      <WithLabels labels={{ submit: 'Vidéo générer', prompt: 'Consigne', size: 'Format', duration: 'Durée' }}>
        <ImageToVideo.Root persist={false} labels={{ prompt: 'Description', duration: 'Longueur' }}>
          <ImageToVideo.Size />
          <ImageToVideo.Duration />
          <ImageToVideo.Prompt labels={{ prompt: 'Mouvement' }} />
          <ImageToVideo.Submit />
        </ImageToVideo.Root>
      </WithLabels>,
    );
    expect(screen.getByRole('radiogroup', { name: 'Format' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Longueur' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Mouvement' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Vidéo générer' })).toBeInTheDocument();
  });

  it('follow a change of the provider without remounting', () => {
    const { rerender } = render(
      <WithLabels labels={{ submit: 'Générer' }}>
        <ImageToVideo persist={false} />
      </WithLabels>,
    );
    const button = screen.getByRole('button', { name: 'Générer' });
    act(() =>
      rerender(
        <WithLabels labels={{ submit: 'Erzeugen' }}>
          <ImageToVideo persist={false} />
        </WithLabels>,
      ),
    );
    expect(screen.getByRole('button', { name: 'Erzeugen' })).toBe(button);
  });
});
