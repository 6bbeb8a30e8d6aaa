import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PromptField } from '../../src/components/PromptField';
import { Status } from '../../src/components/Status';
import { SubmitButton } from '../../src/components/SubmitButton';
import { ImageToVideoError, type ImageToVideoErrorKind } from '../../src/core/ImageToVideoError';
import { expectNoAxeViolations } from './expectNoAxeViolations';

describe('PromptField', () => {
  it('is a textarea named "Prompt" that counts against the limit', async () => {
    const user = userEvent.setup();
    const { container } = render(<PromptField maxLength={5} />);
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    await user.type(prompt, 'a cat');
    expect(prompt).toHaveAccessibleDescription('5 / 5');
    expect(prompt).not.toHaveAttribute('aria-invalid');
    await user.type(prompt, '!');
    // Over the limit is shown, not silently cut.
    expect(prompt).toHaveValue('a cat!');
    expect(prompt).toHaveAttribute('aria-invalid', 'true');
    expect(prompt).toHaveAccessibleDescription('6 / 5');
    await expectNoAxeViolations(container);
  });

  it('formats the count with Intl for the default limit', () => {
    render(<PromptField defaultValue="hello" />);
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveAccessibleDescription('5 / 2,000');
  });

  it('submits the form on Ctrl+Enter and Meta+Enter, not on Enter', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((event: React.FormEvent) => event.preventDefault());
    render(
      <form onSubmit={onSubmit}>
        <PromptField />
      </form>,
    );
    const prompt = screen.getByRole('textbox', { name: 'Prompt' });
    await user.type(prompt, 'one{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it("runs the user's onKeyDown first; preventDefault there skips the shortcut", async () => {
    const user = userEvent.setup();
    const onSubmitShortcut = vi.fn();
    const { rerender } = render(<PromptField onSubmitShortcut={onSubmitShortcut} onKeyDown={(e) => e.preventDefault()} />);
    await user.click(screen.getByRole('textbox'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSubmitShortcut).not.toHaveBeenCalled();
    rerender(<PromptField onSubmitShortcut={onSubmitShortcut} />);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSubmitShortcut).toHaveBeenCalledTimes(1);
  });

  it('shows the shortcut hint, replaceable, without adding it to the description', () => {
    const { rerender } = render(<PromptField />);
    expect(screen.getByText('Ctrl+Enter or ⌘+Enter to generate')).toBeInTheDocument();
    expect(screen.getByRole('textbox')).toHaveAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
    rerender(<PromptField labels={{ promptShortcut: 'Ctrl+Entrée pour générer' }} />);
    expect(screen.getByText('Ctrl+Entrée pour générer')).toBeInTheDocument();
    expect(screen.getByRole('textbox')).toHaveAccessibleDescription('0 / 2,000');
  });

  it('is controllable', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<PromptField value="fixed" onValueChange={onValueChange} />);
    await user.type(screen.getByRole('textbox'), 'x');
    expect(onValueChange).toHaveBeenCalledWith('fixedx');
    expect(screen.getByRole('textbox')).toHaveValue('fixed');
  });
});

describe('SubmitButton', () => {
  it('is named "Generate video" and, while blocked, stays focusable, says why and does not submit', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((event: React.FormEvent) => event.preventDefault());
    const { container, rerender } = render(
      <form onSubmit={onSubmit}>
        <SubmitButton blockedReason="Choose an image first." />
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Generate video' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAttribute('data-disabled', '');
    expect(button).toHaveAccessibleDescription('Choose an image first.');
    await user.tab();
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(button);
    expect(onSubmit).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
    rerender(
      <form onSubmit={onSubmit}>
        <SubmitButton />
      </form>,
    );
    expect(button).not.toHaveAttribute('aria-disabled');
    await user.click(button);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});

describe('SubmitButton double click', () => {
  it('submits its form once for a double click, and again for a later single click', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((event: React.FormEvent) => event.preventDefault());
    render(
      <form onSubmit={onSubmit}>
        <SubmitButton />
      </form>,
    );
    await user.dblClick(screen.getByRole('button', { name: 'Generate video' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });
});

describe('Status', () => {
  const estimateMs = [18_000, 70_000] as const;

  it('says "about" a time when every measured job took as long, not a range from a number to itself', () => {
    render(<Status status="processing" elapsedMs={2000} estimateMs={[9600, 10_400]} />);
    expect(screen.getByText('2 s elapsed, usually done in about 10 s')).toBeVisible();
  });

  it.each([
    ['idle', {}, '', ''],
    ['uploading', { uploadProgress: { loaded: 42, total: 100 } }, 'Uploading image…', '42%'],
    ['uploading', {}, 'Uploading image…', ''],
    ['submitting', {}, 'Starting…', ''],
    ['queued', { elapsedMs: 3000 }, 'Queued…', '3 s elapsed, usually done in 18–70 s'],
    ['processing', { elapsedMs: 23_000 }, 'Generating video…', '23 s elapsed, usually done in 18–70 s'],
    ['processing', { elapsedMs: 83_000 }, 'Generating video…', '1:23 elapsed, longer than usual (most finish within 1:10)'],
    ['completed', {}, 'Your video is ready.', ''],
    ['canceled', {}, 'Canceled.', ''],
  ] as const)('says %s in a polite live region, with what ticks shown outside it', (status, props, text, ticking) => {
    const { container } = render(<Status status={status} estimateMs={estimateMs} {...props} />);
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region.textContent).toBe(text);
    if (ticking) {
      const clock = screen.getByText(ticking);
      expect(region).not.toContainElement(clock);
      expect(clock.closest('[aria-live]')).toBeNull();
    } else {
      expect(container.textContent).toBe(text);
    }
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('announces a stage change and the outcome, not every tick of the clock', () => {
    const { rerender } = render(<Status status="processing" elapsedMs={1000} />);
    const region = screen.getByRole('status');
    const observer = new MutationObserver(() => {});
    observer.observe(region, { subtree: true, childList: true, characterData: true });
    for (let second = 2; second <= 5; second++) rerender(<Status status="processing" elapsedMs={second * 1000} />);
    expect(screen.getByText(/^5 s elapsed/)).toBeVisible();
    // Four ticks: the live region did not change at all, so nothing was announced.
    expect(observer.takeRecords()).toEqual([]);
    rerender(<Status status="completed" elapsedMs={5000} />);
    expect(observer.takeRecords().length).toBeGreaterThan(0);
    expect(region).toHaveTextContent('Your video is ready.');
    observer.disconnect();
  });

  type Offer = 'Try again' | 'Choose another image' | 'Edit prompt';
  const messages: [ImageToVideoErrorKind, { retryAfterMs?: number; fieldErrors?: Record<string, string[]> }, RegExp, Offer[]][] = [
    ['content-moderated', {}, /refused by content moderation/, ['Choose another image', 'Edit prompt']],
    ['media-unreachable', {}, /could not load the image/, ['Choose another image']],
    ['rate-limited', { retryAfterMs: 30_000 }, /Try again in 30 s/, ['Try again']],
    ['rate-limited', {}, /Wait a minute/, ['Try again']],
    ['insufficient-credit', {}, /out of credit/, []],
    ['network', {}, /Could not reach the server/, ['Try again']],
    ['timeout', {}, /taking far longer/, ['Try again']],
    ['unauthorized', {}, /API key/, []],
    ['forbidden', {}, /not allowed/, []],
    ['upstream-unavailable', {}, /temporarily unavailable/, ['Try again']],
    ['task-failed', {}, /could not be made/, ['Try again']],
    ['invalid-input', {}, /not accepted/, ['Choose another image', 'Edit prompt']],
    ['invalid-input', { fieldErrors: { prompt: ['Write a prompt.'] } }, /Write a prompt/, ['Edit prompt']],
    ['invalid-input', { fieldErrors: { image: ['Not an image.'] } }, /Not an image/, ['Choose another image']],
  ];
  it.each(messages)('shows a %s failure in an alert with a human message and the action that helps', async (kind, options, message, offers) => {
    const user = userEvent.setup();
    const handlers = { 'Try again': vi.fn(), 'Choose another image': vi.fn(), 'Edit prompt': vi.fn() };
    const error = new ImageToVideoError(kind, 'raw upstream text', options);
    const { container } = render(
      <Status
        status="failed"
        error={error}
        onRetry={handlers['Try again']}
        onChangeImage={handlers['Choose another image']}
        onEditPrompt={handlers['Edit prompt']}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).not.toHaveTextContent('raw upstream text');
    // Exactly the helpful actions: never a blind resend of what will be refused again.
    expect(within(alert).queryAllByRole('button').map((button) => button.textContent)).toEqual(offers);
    for (const offer of offers) {
      await user.click(within(alert).getByRole('button', { name: offer }));
      expect(handlers[offer]).toHaveBeenCalledTimes(1);
    }
    if (kind === 'content-moderated') await expectNoAxeViolations(container);
  });

  it('names the fields to fix for invalid input', () => {
    const error = new ImageToVideoError('invalid-input', 'Some fields need attention.', {
      fieldErrors: { prompt: ['Write a prompt.'] },
    });
    render(<Status status="failed" error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Write a prompt.');
  });

  it('uses replaced labels and has no axe violations while uploading', async () => {
    const { container } = render(
      <Status
        status="uploading"
        uploadProgress={{ loaded: 1, total: 4 }}
        labels={{ status: (stage, d) => `${stage} ${Math.round((d.progress ?? 0) * 100)}` }}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('uploading 25');
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '0.25');
    await expectNoAxeViolations(container);
  });

  it.each(['idle', 'uploading', 'queued', 'processing', 'completed', 'canceled'] as const)(
    'has no axe violations while %s',
    async (status) => {
      const { container } = render(<Status status={status} uploadProgress={{ loaded: 1, total: 2 }} onCancel={() => {}} />);
      await expectNoAxeViolations(container);
    },
  );

  it('offers Cancel while the job runs, saying once the task exists that it may still finish and bill', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const { rerender } = render(<Status status="uploading" onCancel={onCancel} />);
    // While uploading it is a real abort: no caveat.
    expect(screen.getByRole('button', { name: 'Cancel' })).not.toHaveAccessibleDescription();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    rerender(<Status status="processing" onCancel={onCancel} />);
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveAccessibleDescription(/may still finish, and be billed/);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    rerender(<Status status="completed" onCancel={onCancel} />);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('shows no window at all until one was measured: elapsed time only, an indeterminate bar', () => {
    render(<Status status="processing" elapsedMs={23_000} />);
    expect(screen.getByText('23 s elapsed')).toBeVisible();
    const bar = screen.getByRole('progressbar', { name: 'Video progress' });
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute('aria-valuetext', '23 s elapsed');
    expect(bar).toHaveAttribute('data-state', 'indeterminate');
  });

  it.each([
    [0, '0', 'estimating'],
    [32_500, '50', 'estimating'],
    [64_999, '99', 'estimating'],
    [65_000, '99', 'estimating'],
    [65_001, undefined, 'overdue'],
  ] as const)('fills the bar towards the end of the measured window: %i ms → %s', (elapsedMs, now, state) => {
    render(<Status status="processing" elapsedMs={elapsedMs} estimateMs={[30_000, 65_000]} />);
    const bar = screen.getByRole('progressbar', { name: 'Video progress' });
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    if (now === undefined) expect(bar).not.toHaveAttribute('aria-valuenow');
    else expect(bar).toHaveAttribute('aria-valuenow', now);
    expect(bar).toHaveAttribute('data-state', state);
    expect(bar.getAttribute('aria-valuetext')).toMatch(state === 'overdue' ? /longer than usual/ : /usually done in 30–65 s/);
  });

  it('passes className and other props to its element', () => {
    render(<Status status="idle" className="s" data-testid="st" />);
    expect(screen.getByTestId('st')).toHaveClass('s');
    fireEvent.click(screen.getByTestId('st'));
  });
});
