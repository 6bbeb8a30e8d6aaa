import { expect, waitFor, within } from 'storybook/test';
import { makePhoto, type Orientation } from './makePhoto';

/** The bits of a play function's context these steps use. */
export interface PlayContext {
  canvasElement: HTMLElement;
  userEvent: {
    upload(element: HTMLElement, file: File): Promise<void>;
    click(element: Element): Promise<void>;
    type(element: Element, text: string): Promise<void>;
  };
}

const SLOW = { timeout: 15_000 };

/** Presses `JobHarness`'s "Start a job" button. */
export async function startJob({ canvasElement, userEvent }: PlayContext) {
  await userEvent.click(within(canvasElement).getByRole('button', { name: 'Start a job' }));
}

/** Chooses a generated photo with the file input and waits until it is framed and ready. */
export async function chooseImage({ canvasElement, userEvent }: PlayContext, orientation: Orientation = 'landscape') {
  const canvas = within(canvasElement);
  await userEvent.upload(canvas.getByLabelText('Choose image'), await makePhoto(orientation));
  await waitFor(() => expect(canvas.getByRole('img', { name: /framed as it will be sent/i })).toBeVisible(), SLOW);
}

/** Chooses a photo, writes a prompt and presses Generate video. */
export async function generate(context: PlayContext, orientation: Orientation = 'landscape', prompt = 'The sun sets slowly behind the hills') {
  const canvas = within(context.canvasElement);
  await chooseImage(context, orientation);
  await context.userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), prompt);
  const button = canvas.getByRole('button', { name: 'Generate video' });
  await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'), SLOW);
  await context.userEvent.click(button);
}

/** Waits for the status line to say `text`. */
export async function expectStatus(canvasElement: HTMLElement, text: string | RegExp) {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(text), SLOW);
}

/** Waits until the generated video has decoded its first frame (`readyState` ≥ HAVE_CURRENT_DATA). */
export async function expectVideoPlays(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const video = await canvas.findByLabelText('Generated video', {}, SLOW);
  await waitFor(() => expect((video as HTMLVideoElement).readyState).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_CURRENT_DATA), SLOW);
  return video as HTMLVideoElement;
}

/** Waits for the failure alert and returns it. */
export async function expectFailure(canvasElement: HTMLElement, kind: string, message: string | RegExp) {
  const canvas = within(canvasElement);
  const alert = await waitFor(() => {
    const found = canvas.getAllByRole('alert').find((element) => element.getAttribute('data-kind') === kind);
    expect(found, `an alert of kind ${kind}`).toBeDefined();
    return found!;
  }, SLOW);
  await expect(alert).toHaveTextContent(message);
  return alert;
}
