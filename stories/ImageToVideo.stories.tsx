import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { expect, waitFor, within } from 'storybook/test';
import { ImageToVideo } from '../src/components/ImageToVideo';
import type { SimulatorFault } from '../src/testing/createSimulator';
import { chooseImage, expectFailure, expectStatus, expectVideoPlays, generate } from './support/playSteps';
import { FOREVER_MS, simulate, storySimulator } from './support/simulate';

const meta = {
  title: 'Drop-in/ImageToVideo',
  component: ImageToVideo,
  // Stories share one page: a remembered job would resume in the next story.
  args: { persist: false },
  beforeEach: simulate(),
} satisfies Meta<typeof ImageToVideo>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'Generate video' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAccessibleDescription('Choose an image first.');
    await expect(canvas.getByRole('radio', { name: 'Landscape 1280×720' })).toBeChecked();
    await expect(canvas.getByRole('radio', { name: '5 s' })).toBeChecked();
    await expect(canvas.queryByLabelText('Generated video')).toBeNull();
  },
};

export const ImageChosenLandscape: Story = {
  play: async (context) => {
    await chooseImage(context, 'landscape');
    const canvas = within(context.canvasElement);
    const preview = canvas.getByRole('img', { name: /framed as it will be sent/i }) as HTMLImageElement;
    await waitFor(() => expect(preview.naturalWidth / preview.naturalHeight).toBeCloseTo(16 / 9, 1));
    await expect(canvas.getByRole('button', { name: 'Generate video' })).toHaveAccessibleDescription('Write a prompt first.');
  },
};

export const ImageChosenPortrait: Story = {
  play: async (context) => {
    const canvas = within(context.canvasElement);
    await context.userEvent.click(canvas.getByRole('radio', { name: 'Portrait 720×1280' }));
    await chooseImage(context, 'portrait');
    const preview = canvas.getByRole('img', { name: /framed as it will be sent/i }) as HTMLImageElement;
    await waitFor(() => expect(preview.naturalWidth / preview.naturalHeight).toBeCloseTo(9 / 16, 1));
  },
};

export const Uploading: Story = {
  beforeEach: simulate({ faults: [{ kind: 'slow', delayMs: FOREVER_MS, operations: ['upload'] }] }),
  play: async (context) => {
    await generate(context);
    await expectStatus(context.canvasElement, /Uploading image/);
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('button', { name: 'Generate video' })).toHaveAccessibleDescription('A video is being made.');
    await expect(canvas.getByRole('radio', { name: '10 s' })).toBeDisabled();
  },
};

export const Queued: Story = {
  beforeEach: simulate({ timing: { queueMs: FOREVER_MS, processingMs: 1000 } }),
  play: async (context) => {
    await generate(context);
    await expectStatus(context.canvasElement, /Queued/);
    await expect(storySimulator().taskCount).toBe(1);
  },
};

export const Processing: Story = {
  beforeEach: simulate({ timing: { queueMs: 0, processingMs: FOREVER_MS } }),
  play: async (context) => {
    await generate(context);
    await expectStatus(context.canvasElement, /^Generating video…$/);
    // Nothing measured yet (no proxy in a story): the elapsed time alone, and a bar that claims no end.
    await expect(await within(context.canvasElement).findByText(/^\d+ s elapsed$/)).toBeVisible();
    await expect(within(context.canvasElement).getByRole('progressbar', { name: 'Video progress' })).toHaveAttribute('data-state', 'indeterminate');
    // While the job runs, the source image stands in for the video.
    await expect(within(context.canvasElement).getByRole('img', { name: 'Source image' })).toBeVisible();
  },
};

export const Completed: Story = {
  play: async (context) => {
    await generate(context);
    await expectStatus(context.canvasElement, 'Your video is ready.');
    const video = await expectVideoPlays(context.canvasElement);
    await expect(video.muted).toBe(true);
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('link', { name: 'Download video' })).toHaveAttribute('href', video.currentSrc);
    // One upload, one task, and the prompt as typed.
    const submits = storySimulator().requests.filter((r) => r.operation === 'submit');
    await expect(submits).toHaveLength(1);
    await expect(JSON.parse(submits[0]!.body!)).toMatchObject({ prompt: 'The sun sets slowly behind the hills', size: '1280*720', duration: 5 });
  },
};

/** One story per way a job can fail, each caused by the simulator the way upstream would cause it. */
const TRY = 'Try again';
const IMAGE = 'Choose another image';
const PROMPT = 'Edit prompt';

/** Each failure also names the actions its alert offers: a retry only where one can succeed. */
const FAILURES: Record<string, { faults: SimulatorFault[]; host?: HttpHandler[]; kind: string; message: RegExp; offers: string[] }> = {
  InvalidInput: {
    faults: [{ kind: 'status', status: 400, message: 'image could not be used', operations: ['submit'] }],
    kind: 'invalid-input',
    message: /Check the image and the prompt/,
    offers: [IMAGE, PROMPT],
  },
  Unauthorized: {
    faults: [{ kind: 'status', status: 401, operations: ['upload'] }],
    kind: 'unauthorized',
    message: /API key is missing or invalid/,
    offers: [],
  },
  Forbidden: { faults: [{ kind: 'status', status: 403, operations: ['upload'] }], kind: 'forbidden', message: /not allowed to make videos/, offers: [] },
  InsufficientCredit: {
    faults: [{ kind: 'status', status: 402, message: 'Insufficient balance', operations: ['submit'] }],
    kind: 'insufficient-credit',
    message: /out of credit/,
    offers: [],
  },
  UpstreamUnavailable: {
    faults: [{ kind: 'status', status: 503, operations: ['submit'] }],
    kind: 'upstream-unavailable',
    message: /temporarily unavailable/,
    offers: [TRY],
  },
  NetworkDropped: { faults: [{ kind: 'drop', operations: ['submit'] }], kind: 'network', message: /Could not reach the server/, offers: [TRY] },
  UpstreamTimeout: { faults: [{ kind: 'status', status: 504, operations: ['submit'] }], kind: 'timeout', message: /far longer than it should/, offers: [TRY] },
  // The proxy turns anything odd from upstream into a clean 502; an HTML page where JSON belongs
  // comes from the host in front of it (a SPA fallback, a login page).
  BadResponse: {
    faults: [],
    host: [
      http.post('/api/wavespeed/luma/ray-2-flash-i2v', () =>
        HttpResponse.html('<!doctype html><html><body><div id="root"></div></body></html>', { status: 200 }),
      ),
    ],
    kind: 'bad-response',
    message: /did not understand/,
    offers: [TRY],
  },
  TaskFailed: { faults: [{ kind: 'fail-task', code: 1403 }], kind: 'task-failed', message: /could not be made/, offers: [TRY] },
  ContentModerated: { faults: [{ kind: 'fail-task', code: 1200, error: 'moderation' }], kind: 'content-moderated', message: /refused by content moderation/, offers: [IMAGE, PROMPT] },
  MediaUnreachable: { faults: [{ kind: 'fail-task', code: 1402 }], kind: 'media-unreachable', message: /could not load the image/, offers: [IMAGE, TRY] },
  RateLimited: {
    faults: [{ kind: 'rate-limit', retryAfterSeconds: 30, operations: ['submit'] }],
    kind: 'rate-limited',
    message: /Too many videos at once\. Try again in 30 s\./,
    offers: [TRY],
  },
};

function failureStory(name: keyof typeof FAILURES): Story {
  const { faults, host = [], kind, message, offers } = FAILURES[name]!;
  return {
    name: `Failed: ${kind}`,
    beforeEach: simulate({ faults }, ...host),
    play: async (context) => {
      await generate(context);
      const alert = await expectFailure(context.canvasElement, kind, message);
      await expect(within(alert).queryAllByRole('button').map((button) => button.textContent)).toEqual(offers);
      await expectStatus(context.canvasElement, 'The video could not be made.');
    },
  };
}

export const FailedInvalidInput = failureStory('InvalidInput');
export const FailedUnauthorized = failureStory('Unauthorized');
export const FailedForbidden = failureStory('Forbidden');
export const FailedInsufficientCredit = failureStory('InsufficientCredit');
export const FailedUpstreamUnavailable = failureStory('UpstreamUnavailable');
export const FailedNetwork = failureStory('NetworkDropped');
export const FailedTimeout = failureStory('UpstreamTimeout');
export const FailedBadResponse = failureStory('BadResponse');
export const FailedTask = failureStory('TaskFailed');
export const FailedContentModerated = failureStory('ContentModerated');
export const FailedMediaUnreachable = failureStory('MediaUnreachable');
export const RateLimited = failureStory('RateLimited');

export const FailedThenRetried: Story = {
  beforeEach: simulate({ faults: [{ kind: 'fail-task', code: 5003, error: 'unavailable' }] }),
  play: async (context) => {
    await generate(context);
    const alert = await expectFailure(context.canvasElement, 'upstream-unavailable', /temporarily unavailable/);
    await context.userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await expectVideoPlays(context.canvasElement);
    // The retry reused the uploaded image: one upload, two tasks.
    const operations = storySimulator().requests.map((r) => r.operation);
    await expect(operations.filter((op) => op === 'upload')).toHaveLength(1);
    await expect(storySimulator().taskCount).toBe(2);
  },
};

export const NsfwGated: Story = {
  beforeEach: simulate({ faults: [{ kind: 'nsfw' }] }),
  play: async (context) => {
    await generate(context);
    const canvas = within(context.canvasElement);
    const reveal = await canvas.findByRole('button', { name: 'Show video' }, { timeout: 15_000 });
    await expect(canvas.getByText('This video was flagged as possibly sensitive.')).toBeVisible();
    await expect(canvas.queryByLabelText('Generated video')).toBeNull();
    // The blurred source image paints nothing outside its own box (a blur bleeds 3× its radius).
    const poster = canvas.getByRole('img', { name: 'Source image' });
    await expect(getComputedStyle(poster).filter).toMatch(/blur/);
    await expect(getComputedStyle(poster).clipPath).toMatch(/^inset\(0/);
    await context.userEvent.click(reveal);
    const video = await expectVideoPlays(context.canvasElement);
    // Keyboard focus on the black video shows a ring thick enough, and off the black, to see.
    // Keyboard focus: the last interaction was a key press, so the ring is shown (:focus-visible).
    await context.userEvent.keyboard('{Shift}');
    video.focus();
    await expect(video).toHaveFocus();
    await expect(video.matches(':focus-visible')).toBe(true);
    const style = getComputedStyle(video);
    await expect(parseFloat(style.outlineWidth)).toBeGreaterThanOrEqual(2);
    await expect(parseFloat(style.outlineOffset)).toBeGreaterThan(0);
    await expect(style.outlineStyle).toBe('solid');
  },
};

export const ExpiredVideo: Story = {
  // Outputs answer 403 as soon as they exist, as an expired signed URL would.
  beforeEach: simulate({ outputTtlMs: 0 }),
  play: async (context) => {
    await generate(context);
    const canvas = within(context.canvasElement);
    await expect(await canvas.findByText('This video has expired and is no longer available.', {}, { timeout: 15_000 })).toBeVisible();
    // Instant timing: the submit answered `completed`. The video failed, the player read the
    // result once more for a fresh URL, that failed too, and then it said so.
    const operations = storySimulator().requests.map((r) => r.operation);
    await expect(operations).toEqual(['upload', 'submit', 'output', 'result', 'output']);
  },
};

const LONG_PROMPT = Array.from({ length: 18 }, (_, i) => `Scene ${i + 1}: the camera drifts slowly over the hills as the light turns from gold to violet.`).join(' ');

export const LongPrompt: Story = {
  args: { defaultPrompt: LONG_PROMPT },
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const prompt = canvas.getByRole('textbox', { name: 'Prompt' });
    await expect(LONG_PROMPT.length).toBeGreaterThan(1500);
    await expect(prompt).toHaveValue(LONG_PROMPT);
    await expect(prompt).not.toHaveAttribute('aria-invalid');
    await expect(canvas.getByText(`${LONG_PROMPT.length.toLocaleString('en')} / 2,000`)).toBeVisible();
    await chooseImage(context);
    await context.userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
    await expectVideoPlays(context.canvasElement);
    const submit = storySimulator().requests.find((r) => r.operation === 'submit')!;
    await expect(JSON.parse(submit.body!).prompt).toBe(LONG_PROMPT);
  },
};

export const PromptOverLimit: Story = {
  args: { defaultPrompt: `${LONG_PROMPT} ${LONG_PROMPT}` },
  play: async (context) => {
    await chooseImage(context);
    const canvas = within(context.canvasElement);
    await expect(canvas.getByRole('textbox', { name: 'Prompt' })).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByRole('button', { name: 'Generate video' })).toHaveAccessibleDescription('The prompt is too long.');
  },
};

export const RightToLeft: Story = {
  args: {
    dir: 'rtl',
    lang: 'ar',
    labels: { chooseImage: 'اختر صورة', prompt: 'الوصف', submit: 'أنشئ الفيديو' },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const form = canvasElement.querySelector('form')!;
    await expect(getComputedStyle(form).direction).toBe('rtl');
    await expect(canvas.getByRole('button', { name: 'أنشئ الفيديو' })).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: 'الوصف' })).toBeVisible();
    // Addresses stay left to right inside the mirrored form.
    await expect(getComputedStyle(canvas.getByRole('textbox', { name: 'Image URL' })).direction).toBe('ltr');
  },
};

export const DarkTheme: Story = {
  parameters: { theme: 'dark', backgrounds: { disable: true } },
  play: async (context) => {
    const form = context.canvasElement.querySelector('form')!;
    // The theme's dark tokens are in force: light text on a dark surface.
    const [r = 255] = getComputedStyle(form).backgroundColor.match(/\d+/g)!.map(Number);
    await expect(r).toBeLessThan(64);
    await generate(context);
    await expectVideoPlays(context.canvasElement);
  },
};

export const Unstyled: Story = {
  args: { unstyled: true },
  play: async (context) => {
    const form = context.canvasElement.querySelector('form')!;
    await expect(form).toHaveAttribute('data-i2v-unstyled', '');
    await expect(getComputedStyle(form).display).toBe('block');
    await generate(context);
    await expectVideoPlays(context.canvasElement);
  },
};

/** The whole flow, as a user does it: image, frame, prompt, length, generate, watch. */
export const FullFlow: Story = {
  beforeEach: simulate({ timing: { queueMs: 800, processingMs: 1500 } }),
  play: async (context) => {
    const { canvasElement, userEvent, step } = context;
    const canvas = within(canvasElement);
    await step('choose a portrait photo and frame it', async () => {
      await userEvent.click(canvas.getByRole('radio', { name: 'Portrait 720×1280' }));
      await chooseImage(context, 'portrait');
    });
    await step('write the prompt and pick 10 s', async () => {
      await userEvent.type(canvas.getByRole('textbox', { name: 'Prompt' }), 'A gentle breeze moves the grass');
      await userEvent.click(canvas.getByRole('radio', { name: '10 s' }));
      await expect(canvas.getByRole('radio', { name: '10 s' })).toHaveAccessibleDescription('$0.40');
    });
    await step('generate and watch the stages', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Generate video' }));
      await expectStatus(canvasElement, /Queued|Generating video/);
      await expectStatus(canvasElement, 'Your video is ready.');
    });
    await step('the video plays', async () => {
      const video = await expectVideoPlays(canvasElement);
      await expect(video.loop).toBe(true);
      const submit = storySimulator().requests.find((r) => r.operation === 'submit')!;
      await expect(JSON.parse(submit.body!)).toMatchObject({ size: '720*1280', duration: 10, prompt: 'A gentle breeze moves the grass' });
    });
  },
};
