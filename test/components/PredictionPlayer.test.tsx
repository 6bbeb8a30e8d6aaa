import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PredictionPlayer } from '../../src/components/PredictionPlayer';
import { expectNoAxeViolations } from './expectNoAxeViolations';
import { renderWithProvider } from './renderWithProvider';
import { createMockTransport } from '../../src/testing/createMockTransport';
import { prediction, VIDEO_URL } from './predictionFixture';

const completed = prediction({ status: 'completed', outputs: [VIDEO_URL], timings: { inference: 38_500 } });

function video() {
  return screen.getByLabelText('Generated video') as HTMLVideoElement;
}

describe('<PredictionPlayer>', () => {
  it('shows the source image while the job runs', async () => {
    const transport = createMockTransport();
    const { container } = renderWithProvider(
      <PredictionPlayer state={{ status: 'processing', prediction: prediction({ status: 'processing' }) }} poster="https://cdn.example.com/cat.jpg" />,
      transport,
    );
    expect(screen.getByRole('img', { name: 'Source image' })).toHaveAttribute('src', 'https://cdn.example.com/cat.jpg');
    expect(screen.queryByLabelText('Generated video')).toBeNull();
    expect(container.firstElementChild).toHaveAttribute('data-status', 'processing');
    await expectNoAxeViolations(container);
  });

  it('plays a finished video muted, looping, inline with controls, with download and timings', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }));
    const transport = createMockTransport();
    const { container } = renderWithProvider(<PredictionPlayer prediction={completed} />, transport);
    const v = video();
    expect(v).toHaveAttribute('src', VIDEO_URL);
    expect(v.muted).toBe(true);
    expect(v.loop).toBe(true);
    expect(v.controls).toBe(true);
    expect(v).toHaveAttribute('playsinline');
    expect(v.autoplay).toBe(true);
    expect(screen.getByRole('link', { name: 'Download video' })).toHaveAttribute('href', VIDEO_URL);
    expect(screen.getByText('Generated in 38.5 s')).toBeInTheDocument();
    expect(transport.calls.getResult).toHaveLength(0);
    await expectNoAxeViolations(container);
  });

  it('says how long a video took only when there is one: a failed job ran but generated nothing', () => {
    renderWithProvider(<PredictionPlayer prediction={prediction({ status: 'failed', error: 'Task failed', timings: { inference: 3500 } })} />, createMockTransport());
    expect(screen.queryByText(/Generated in/)).not.toBeInTheDocument();
  });

  it('does not autoplay when the user prefers reduced motion', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('reduce'), media: query, addEventListener() {}, removeEventListener() {} }));
    const transport = createMockTransport();
    renderWithProvider(<PredictionPlayer prediction={completed} />, transport);
    expect(video().autoplay).toBe(false);
  });

  it('never puts a non-http(s) output into src or href', () => {
    const transport = createMockTransport();
    const { container } = renderWithProvider(
      <PredictionPlayer prediction={prediction({ status: 'completed', outputs: ['javascript:alert(1)'] })} poster="javascript:alert(2)" />,
      transport,
    );
    expect(container.querySelector('video, a, img')).toBeNull();
    expect(container.innerHTML).not.toContain('javascript:');
  });

  it('hides a flagged output behind a reveal button', async () => {
    const user = userEvent.setup();
    const transport = createMockTransport();
    const { container } = renderWithProvider(
      <PredictionPlayer
        prediction={prediction({ status: 'completed', outputs: [VIDEO_URL], has_nsfw_contents: [true] })}
        poster="https://cdn.example.com/cat.jpg"
      />,
      transport,
    );
    expect(screen.queryByLabelText('Generated video')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Download video' })).toBeNull();
    expect(screen.getByText('This video was flagged as possibly sensitive.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Source image' })).toHaveAttribute('data-blurred', '');
    expect(container.firstElementChild).toHaveAttribute('data-state', 'gated');
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Show video' }));
    expect(video()).toHaveAttribute('src', VIDEO_URL);
  });

  it('refetches the result once when the video fails to load, then says it expired', async () => {
    const fresh = 'https://cdn.example.com/out/pred_1-fresh.mp4';
    const transport = createMockTransport({ tasks: { pred_1: [{ status: 'completed', outputs: [fresh] }] } });
    const { container } = renderWithProvider(<PredictionPlayer prediction={completed} />, transport);
    fireEvent.error(video());
    await waitFor(() => expect(video()).toHaveAttribute('src', fresh));
    expect(transport.calls.getResult).toEqual([{ id: 'pred_1' }]);
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.error(video());
    expect(await screen.findByRole('alert')).toHaveTextContent('This video has expired');
    expect(screen.queryByLabelText('Generated video')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Download video' })).toBeNull();
    expect(transport.calls.getResult).toHaveLength(1);
    await expectNoAxeViolations(container);
  });

  it('reloads the same URL after the refetch if it did not change', async () => {
    const transport = createMockTransport({ tasks: { pred_1: [{ status: 'completed', outputs: [VIDEO_URL] }] } });
    renderWithProvider(<PredictionPlayer prediction={completed} />, transport);
    const first = video();
    fireEvent.error(first);
    await waitFor(() => expect(video()).not.toBe(first));
    expect(video()).toHaveAttribute('src', VIDEO_URL);
  });

  it('watches a prediction by id until it completes', async () => {
    const transport = createMockTransport({ tasks: { pred_1: [{ status: 'completed', outputs: [VIDEO_URL] }] } });
    renderWithProvider(<PredictionPlayer predictionId="pred_1" />, transport);
    await waitFor(() => expect(video()).toHaveAttribute('src', VIDEO_URL));
    expect(transport.calls.getResult[0]).toEqual({ id: 'pred_1' });
  });

  it('replaces labels and passes props through', () => {
    const transport = createMockTransport();
    renderWithProvider(
      <PredictionPlayer prediction={completed} className="p" data-testid="pl" labels={{ download: 'Télécharger', video: 'Vidéo' }} />,
      transport,
    );
    expect(screen.getByTestId('pl')).toHaveClass('p');
    expect(screen.getByRole('link', { name: 'Télécharger' })).toBeInTheDocument();
    expect(screen.getByLabelText('Vidéo')).toBeInTheDocument();
  });
});

describe('<PredictionPlayer> recovery belongs to one prediction', () => {
  const secondUrl = 'https://cdn.example.com/out/pred_2.mp4';
  const second = prediction({ id: 'pred_2', status: 'completed', outputs: [secondUrl] });

  it('after an expired video, the next job requests and shows its own video', async () => {
    const transport = createMockTransport({ tasks: { pred_1: [{ status: 'completed', outputs: [VIDEO_URL] }] } });
    const view = renderWithProvider(<PredictionPlayer prediction={completed} />, transport);
    fireEvent.error(video());
    await waitFor(() => expect(transport.calls.getResult).toHaveLength(1));
    await waitFor(() => expect(video()).toHaveAttribute('src', VIDEO_URL));
    fireEvent.error(video());
    expect(await screen.findByRole('alert')).toHaveTextContent('This video has expired');

    view.rerender(<PredictionPlayer prediction={second} />);
    expect(video()).toHaveAttribute('src', secondUrl);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('link', { name: 'Download video' })).toHaveAttribute('href', secondUrl);
  });

  it('keeps its element (and the focus in it) when the next prediction arrives', async () => {
    const transport = createMockTransport({ tasks: { pred_1: [{ status: 'completed', outputs: [VIDEO_URL] }] } });
    const view = renderWithProvider(<PredictionPlayer data-testid="player" tabIndex={-1} prediction={completed} />, transport);
    const root = screen.getByTestId('player');
    root.focus();
    fireEvent.error(video());
    await waitFor(() => expect(transport.calls.getResult).toHaveLength(1));

    view.rerender(<PredictionPlayer data-testid="player" tabIndex={-1} prediction={second} />);
    expect(screen.getByTestId('player')).toBe(root);
    expect(root).toHaveFocus();
    expect(video()).toHaveAttribute('src', secondUrl);
  });

  it('after a successful refetch, the next job plays and offers its own video', async () => {
    const fresh = 'https://cdn.example.com/out/pred_1-fresh.mp4';
    const transport = createMockTransport({
      tasks: { pred_1: [{ status: 'completed', outputs: [fresh] }], pred_2: [{ status: 'completed', outputs: [secondUrl] }] },
    });
    const view = renderWithProvider(<PredictionPlayer state={{ status: 'completed', prediction: completed }} />, transport);
    fireEvent.error(video());
    await waitFor(() => expect(video()).toHaveAttribute('src', fresh));

    view.rerender(<PredictionPlayer state={{ status: 'completed', prediction: second }} />);
    expect(video()).toHaveAttribute('src', secondUrl);
    expect(screen.getByRole('link', { name: 'Download video' })).toHaveAttribute('href', secondUrl);
    // The second job's own video failing gets its own refetch, of its own id.
    fireEvent.error(video());
    await waitFor(() => expect(transport.calls.getResult).toContainEqual({ id: 'pred_2' }));
  });
});
