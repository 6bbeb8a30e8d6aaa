import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { PromptField } from '../../src/components/PromptField';
import { usePromptOptimizer } from '../../src/hooks/usePromptOptimizer';
import { createMockTransport, type MockTransport, type MockTransportOptions } from '../../src/testing/createMockTransport';
import { simulatedPromptRewrite } from '../../src/testing/simulatedPromptRewrite';
import { expectNoAxeViolations } from './expectNoAxeViolations';
import { renderWithProvider } from './renderWithProvider';

const IMAGE = 'https://cdn.test/cat.png';
const ORIGINAL = 'make it move';
const IMPROVED = simulatedPromptRewrite(ORIGINAL);

function Harness({ image = IMAGE as string | null, initial = ORIGINAL }) {
  const optimizer = usePromptOptimizer();
  return (
    <PromptField
      defaultValue={initial}
      onImprove={(text, style) => (image ? optimizer.optimize({ text, image, style }) : Promise.resolve(undefined))}
      canImprove={image !== null}
      improveStatus={optimizer.status}
      improveError={optimizer.error}
    />
  );
}

function setup(options: MockTransportOptions = {}, props: Parameters<typeof Harness>[0] = {}): { transport: MockTransport; container: HTMLElement } {
  const transport = createMockTransport(options);
  const { container } = renderWithProvider(<Harness {...props} />, transport);
  return { transport, container };
}

const prompt = () => screen.getByRole('textbox', { name: 'Prompt' });
const improve = () => screen.getByRole('button', { name: 'Improve prompt' });
/** The polite live region beside the button (not role=status: the drop-in's job status owns that). */
function announcement(): HTMLElement {
  const region = screen.getByRole('button', { name: 'Improve prompt' }).parentElement!.querySelector<HTMLElement>('[aria-live]')!;
  expect(region).toHaveAttribute('aria-live', 'polite');
  return region;
}

describe('"Improve prompt" in PromptField', () => {
  it('is absent without onImprove', () => {
    renderWithProvider(<PromptField defaultValue="a cat" />, createMockTransport());
    expect(screen.queryByRole('button', { name: 'Improve prompt' })).toBeNull();
  });

  it('is disabled without text and without an image', async () => {
    const user = userEvent.setup();
    setup({}, { initial: '' });
    expect(improve()).toBeDisabled();
    await user.type(prompt(), 'a cat');
    expect(improve()).toBeEnabled();
  });

  it('is disabled when there is no image to look at', () => {
    setup({}, { image: null });
    expect(improve()).toBeDisabled();
  });

  it('rewrites the textarea in place, announces it politely, and one Undo brings the original back', async () => {
    const user = userEvent.setup();
    const { container, transport } = setup({ latencyMs: 200 });
    await user.click(improve());
    // While it works: the text is held still, the button cannot be pressed twice, progress is said.
    expect(prompt()).toHaveAttribute('readonly');
    expect(improve()).toBeDisabled();
    expect(announcement()).toHaveTextContent('Improving the prompt…');

    await waitFor(() => expect(prompt()).toHaveValue(IMPROVED));
    expect(IMPROVED).not.toBe(ORIGINAL);
    expect(prompt()).not.toHaveAttribute('readonly');
    expect(announcement()).toHaveTextContent('Prompt improved.');
    expect(transport.calls.optimizePrompt[0]!.parsed).toEqual({ text: ORIGINAL, image: IMAGE, style: 'default' });
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(prompt()).toHaveValue(ORIGINAL);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(announcement()).toHaveTextContent('Your prompt is back.');
  });

  it.each([['{Control>}z{/Control}'], ['{Meta>}z{/Meta}']])('undoes the rewrite with %s in the textarea', async (keys) => {
    const user = userEvent.setup();
    setup();
    await user.click(improve());
    await waitFor(() => expect(prompt()).toHaveValue(IMPROVED));
    await user.click(prompt());
    await user.keyboard(keys);
    expect(prompt()).toHaveValue(ORIGINAL);
  });

  it('stops offering the undo once the improved text is edited, so edits are never thrown away', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(improve());
    await waitFor(() => expect(prompt()).toHaveValue(IMPROVED));
    await user.type(prompt(), '!');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await user.keyboard('{Control>}z{/Control}');
    expect(prompt()).not.toHaveValue(ORIGINAL);
  });

  it('sends the chosen style', async () => {
    const user = userEvent.setup();
    const { transport } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Prompt style' }), 'Anime');
    await user.click(improve());
    await waitFor(() => expect(prompt()).toHaveValue(simulatedPromptRewrite(ORIGINAL, 'anime')));
    expect(transport.calls.optimizePrompt[0]!.parsed?.style).toBe('anime');
  });

  it('leaves the prompt as it was after a 429 and says why', async () => {
    const user = userEvent.setup();
    const { container } = setup({ optimizeFaults: [{ fault: 'rate-limited', retryAfterSeconds: 30 }] });
    await user.click(improve());
    await waitFor(() => expect(announcement()).toHaveTextContent('Too many improvements at once. Try again in 30 s.'));
    expect(announcement()).toHaveTextContent('Your prompt is unchanged.');
    expect(prompt()).toHaveValue(ORIGINAL);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('leaves the prompt as it was after an upstream failure and says why', async () => {
    const user = userEvent.setup();
    setup({ optimizeFaults: [{ fault: 'http', status: 503 }] });
    await user.click(improve());
    await waitFor(() => expect(announcement()).toHaveTextContent('temporarily unavailable'));
    expect(prompt()).toHaveValue(ORIGINAL);
  });

  it('names the problem with bad input and leaves the text alone', async () => {
    const user = userEvent.setup();
    setup({}, { image: 'data:image/png;base64,iVBORw0KGgo=' });
    await user.click(improve());
    await waitFor(() => expect(announcement()).toHaveTextContent('The image must be an http(s) URL'));
    expect(prompt()).toHaveValue(ORIGINAL);
  });
});

describe('"Improve prompt" in the drop-in', () => {
  it('is shown by default, disabled until an image is chosen, and hidden by improvePrompt={false}', () => {
    const transport = createMockTransport();
    const shown = renderWithProvider(<ImageToVideo defaultPrompt="a cat" persist={false} />, transport);
    expect(improve()).toBeDisabled();
    shown.unmount();
    renderWithProvider(<ImageToVideo defaultPrompt="a cat" persist={false} improvePrompt={false} />, transport);
    expect(screen.queryByRole('button', { name: 'Improve prompt' })).toBeNull();
  });

  it('is hidden when the transport cannot optimize', () => {
    renderWithProvider(<ImageToVideo defaultPrompt="a cat" persist={false} />, createMockTransport({ optimizeFaults: false }));
    expect(screen.queryByRole('button', { name: 'Improve prompt' })).toBeNull();
  });
});
