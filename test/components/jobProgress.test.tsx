import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import type { Prediction } from '../../src/core/predictionSchema';
import { expectNoAxeViolations } from './expectNoAxeViolations';
import { renderWithProvider } from './renderWithProvider';
import { prediction, scriptedTransport } from './scriptedTransport';
import { imageFile, stubImageDecoding } from './stubImageDecoding';

beforeEach(() => {
  stubImageDecoding();
});
afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

/** Moves the wall clock the elapsed time is computed from; the real 1 s tick then shows it. */
function clockAt(offsetMs: () => number) {
  const real = Date.now.bind(Date);
  const start = real();
  vi.spyOn(Date, 'now').mockImplementation(() => start + (real() - start) + offsetMs());
}

async function startJob(submitAnswer: Prediction & { expectedWindowMs?: readonly [number, number] }) {
  const user = userEvent.setup();
  const { transport } = scriptedTransport({ submits: [submitAnswer], results: [prediction({ status: 'processing' })] });
  const view = renderWithProvider(<ImageToVideo />, transport);
  await user.upload(screen.getByLabelText('Choose image'), imageFile(1280, 720));
  await screen.findByRole('img', { name: /framed as it will be sent/ });
  await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'The cat turns its head');
  await user.click(screen.getByRole('button', { name: 'Generate video' }));
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Generating video…'));
  return { user, view };
}

describe('the drop-in progress', () => {
  it("shows a visitor's first job the proxy's measured window, fills the bar against it, and says plainly when it is past", async () => {
    let offset = 0;
    clockAt(() => offset);
    const { view } = await startJob({ ...prediction({}), expectedWindowMs: [30_000, 65_000] });
    const bar = screen.getByRole('progressbar', { name: 'Video progress' });
    const percent = () => Number(bar.getAttribute('aria-valuenow'));
    // A real second or two passes in the test itself.
    expect(percent()).toBeLessThanOrEqual(4);
    expect(screen.getByText(/^\d+ s elapsed, usually done in 30–65 s$/)).toBeVisible();

    offset = 32_500;
    // 32.5 s of a window ending at 65 s: half, plus the test's own real seconds.
    await waitFor(() => expect(percent()).toBeGreaterThanOrEqual(50), { timeout: 2500 });
    expect(percent()).toBeLessThanOrEqual(55);
    expect(bar.getAttribute('aria-valuetext')).toMatch(/^3\d s elapsed, usually done in 30–65 s$/);

    offset = 80_000;
    await waitFor(() => expect(bar).toHaveAttribute('data-state', 'overdue'), { timeout: 2500 });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(screen.getByText(/^1:2\d elapsed, longer than usual \(most finish within 1:05\)$/)).toBeVisible();
    // The clock ticks outside the live region: the stage alone is announced.
    expect(screen.getByRole('status')).toHaveTextContent(/^Generating video…$/);
    await expectNoAxeViolations(view.container);
  }, 15_000);

  it('claims no window while nothing was measured, whatever the poll schedule guesses', async () => {
    await startJob(prediction({}));
    const bar = screen.getByRole('progressbar', { name: 'Video progress' });
    expect(bar).toHaveAttribute('data-state', 'indeterminate');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(screen.getByText(/^\d+ s elapsed$/)).toBeVisible();
    expect(screen.queryByText(/usually/)).toBeNull();
  });

  it('offers Cancel while the task runs, described by the billing caveat, and keeps the inputs', async () => {
    const { user } = await startJob(prediction({}));
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveAccessibleDescription(/may still finish, and be billed/);
    await user.click(cancel);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Canceled.'));
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('The cat turns its head');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
