import type { Meta, StoryObj } from '@storybook/react-vite';
import { useId, useState, type FormEvent } from 'react';
import { expect, waitFor, within } from 'storybook/test';
// The package's public entry, as an app would import it: hooks and types only.
import {
  type ImageRejectionCode,
  type ImageToVideoStatus,
  useImageInput,
  useImageToVideo,
  usePromptOptimizer,
  type VideoDuration,
  type VideoSize,
} from '../src/index';
import { simulatedPromptRewrite } from '../src/testing/simulatedPromptRewrite';
import { makePhoto } from './support/makePhoto';
import { simulate, storySimulator } from './support/simulate';

/*
 * A design system's own video maker: its markup, its class names, its words, its styles. Nothing
 * from the library renders here; the three headless hooks carry all the behaviour (choosing and
 * framing the image, the job, the prompt optimizer).
 */

const CSS = `
.acme-maker { display: grid; gap: 1rem; padding: 1.25rem; border-radius: 12px; background: #fbfaf7; color: #1f1d1a; font: 15px/1.45 system-ui, sans-serif; border: 1px solid #d9d4c7; }
.acme-maker h2 { margin: 0; font-size: 1.15rem; }
.acme-drop { display: grid; gap: 0.5rem; place-items: center; padding: 1rem; border: 2px dashed #8a8372; border-radius: 10px; text-align: center; }
.acme-drop[data-state='dragging'] { border-color: #0b57a4; background: #e8f0fa; }
.acme-drop img { max-inline-size: 100%; border-radius: 6px; }
.acme-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.acme-row input[type='url'] { flex: 1 1 14rem; }
.acme-button { padding: 0.45rem 0.9rem; border-radius: 8px; border: 1px solid #0b57a4; background: #0b57a4; color: #fff; font: inherit; cursor: pointer; }
.acme-button[aria-disabled='true'], .acme-button:disabled { background: #e4e0d6; border-color: #8a8372; color: #3d3a33; cursor: not-allowed; }
.acme-quiet { background: transparent; color: #0b57a4; }
.acme-maker fieldset { border: 1px solid #d9d4c7; border-radius: 8px; }
.acme-maker textarea, .acme-maker input[type='url'], .acme-maker select { font: inherit; padding: 0.4rem; border: 1px solid #6f6a5c; border-radius: 6px; background: #fff; color: #1f1d1a; }
.acme-error { margin: 0; color: #9b1c1c; }
.acme-status { margin: 0; }
.acme-maker video { inline-size: 100%; border-radius: 8px; background: #000; }
`;

/** The design system's own words for a refused image. */
const REFUSALS: Record<ImageRejectionCode, string> = {
  'not-image': 'Acme takes photos only.',
  'unsupported-type': 'Acme takes JPEG, PNG, WebP, GIF or AVIF photos.',
  'too-large': 'That photo is too big for Acme.',
  'too-small': 'That photo is too small; Acme needs at least 256 pixels a side.',
  unreadable: 'Acme could not open that photo.',
  'invalid-url': 'Paste an address that starts with https://.',
};

const STAGE: Record<ImageToVideoStatus, string> = {
  idle: '',
  uploading: 'Sending your photo…',
  submitting: 'Starting…',
  queued: 'Waiting in line…',
  processing: 'Animating…',
  completed: 'Done: your video is below.',
  failed: 'Something went wrong.',
  canceled: 'Stopped.',
};

function AcmeVideoMaker() {
  const [size, setSize] = useState<VideoSize>('1280*720');
  const [duration, setDuration] = useState<VideoDuration>(5);
  const [prompt, setPrompt] = useState('');
  const job = useImageToVideo();
  const image = useImageInput({
    size,
    disabled: job.isRunning,
    labels: { image: 'Photo', imageUrl: 'Photo address', rejection: (code) => REFUSALS[code] },
  });
  const optimizer = usePromptOptimizer({ onSuccess: (text) => setPrompt(text) });
  const ids = { prompt: useId(), duration: useId(), refusal: useId() };
  const ready = image.prepared !== undefined && prompt.trim() !== '' && !job.isRunning;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!ready || !image.prepared) return;
    void job.submit({ image: image.prepared.image, prompt, size, duration });
  }

  return (
    <form className="acme-maker" onSubmit={onSubmit} noValidate aria-labelledby={`${ids.prompt}-title`}>
      <style>{CSS}</style>
      <h2 id={`${ids.prompt}-title`}>Acme motion studio</h2>

      <div {...image.getRootProps({ className: 'acme-drop', 'aria-describedby': image.rejection ? ids.refusal : undefined })}>
        {image.preview ? <img src={image.preview.url} alt="Your photo, cropped to the video frame" /> : <span>Drop a photo here</span>}
        <input {...image.getInputProps({ hidden: true })} />
        <div className="acme-row">
          <button type="button" className="acme-button" onClick={image.open} disabled={image.disabled}>
            Browse photos
          </button>
          {image.source ? (
            <button {...image.getRemoveProps({ className: 'acme-button acme-quiet' })}>Start over</button>
          ) : null}
        </div>
        <div className="acme-row">
          <input {...image.getUrlInputProps({ placeholder: 'https://…' })} />
          <button {...image.getUrlSubmitProps({ className: 'acme-button' })}>Fetch</button>
        </div>
        {image.status === 'preparing' ? <span>Getting your photo ready…</span> : null}
        {image.rejection ? (
          <p id={ids.refusal} role="alert" className="acme-error">
            {image.rejection.message}
          </p>
        ) : null}
      </div>

      <fieldset disabled={job.isRunning}>
        <legend>Frame</legend>
        <div className="acme-row">
          {(['1280*720', '720*1280'] as const).map((option) => (
            <label key={option}>
              <input type="radio" name="acme-size" checked={size === option} onChange={() => setSize(option)} />{' '}
              {option === '1280*720' ? 'Wide' : 'Tall'}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="acme-row">
        <label htmlFor={ids.duration}>Length</label>
        <select id={ids.duration} value={duration} disabled={job.isRunning} onChange={(event) => setDuration(Number(event.target.value) as VideoDuration)}>
          <option value={5}>5 seconds</option>
          <option value={10}>10 seconds</option>
        </select>
      </div>

      <label htmlFor={ids.prompt}>What should happen?</label>
      <textarea id={ids.prompt} rows={3} value={prompt} readOnly={job.isRunning || optimizer.isPending} onChange={(event) => setPrompt(event.target.value)} />
      <div className="acme-row">
        {optimizer.isSupported ? (
          <button
            type="button"
            className="acme-button acme-quiet"
            disabled={!image.prepared || !prompt.trim() || optimizer.isPending || job.isRunning}
            onClick={() => image.prepared && void optimizer.optimize({ text: prompt, image: image.prepared.image })}
          >
            {optimizer.isPending ? 'Polishing…' : 'Polish my prompt'}
          </button>
        ) : null}
        <button type="submit" className="acme-button" aria-disabled={ready ? undefined : true}>
          Make video
        </button>
        {job.isRunning ? (
          <button type="button" className="acme-button acme-quiet" onClick={job.cancel}>
            Stop
          </button>
        ) : null}
      </div>

      <p role="status" className="acme-status">
        {STAGE[job.status]}
      </p>
      {job.error && job.status === 'failed' ? (
        <p role="alert" className="acme-error" data-kind={job.error.kind}>
          {job.error.message}
        </p>
      ) : null}
      {job.videoUrl ? <video src={job.videoUrl} controls muted playsInline aria-label="Your video" /> : null}
    </form>
  );
}

const meta = {
  title: 'Recipes/Design system (headless hooks only)',
  component: AcmeVideoMaker,
  beforeEach: simulate(),
} satisfies Meta<typeof AcmeVideoMaker>;

export default meta;
type Story = StoryObj<typeof meta>;

const SLOW = { timeout: 15_000 };

/** Drops a file on the photo zone, as a user dragging it from their desktop would. */
function drop(canvasElement: HTMLElement, file: File) {
  const dataTransfer = new DataTransfer();
  dataTransfer.items.add(file);
  within(canvasElement)
    .getByRole('group', { name: 'Photo' })
    .dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));
}

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('group', { name: 'Photo' })).toHaveAttribute('data-state', 'empty');
    await expect(canvas.getByRole('button', { name: 'Make video' })).toHaveAttribute('aria-disabled', 'true');
    await expect(canvas.getByRole('button', { name: 'Fetch' })).toBeDisabled();
  },
};

export const WholeFlow: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: 'Tall' }));
    drop(canvasElement, await makePhoto('landscape'));
    const preview = (await canvas.findByRole('img', { name: 'Your photo, cropped to the video frame' }, SLOW)) as HTMLImageElement;
    // Framed for the tall frame the user picked, whatever the photo's own shape.
    await waitFor(() => expect(preview.naturalWidth / preview.naturalHeight).toBeCloseTo(9 / 16, 1), SLOW);

    const prompt = canvas.getByRole('textbox', { name: 'What should happen?' });
    await userEvent.type(prompt, 'waves roll in');
    await userEvent.click(canvas.getByRole('button', { name: 'Polish my prompt' }));
    await waitFor(() => expect(prompt).toHaveValue(simulatedPromptRewrite('waves roll in')), SLOW);

    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Length' }), '10 seconds');
    await userEvent.click(canvas.getByRole('button', { name: 'Make video' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Done: your video is below.'), SLOW);
    await expect(await canvas.findByLabelText('Your video')).toBeVisible();

    const submitted = storySimulator().requests.find((request) => request.operation === 'submit');
    await expect(JSON.parse(submitted!.body!)).toMatchObject({ size: '720*1280', duration: 10, prompt: simulatedPromptRewrite('waves roll in') });
  },
};

export const RefusedPhotoKeepsThePrevious: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    drop(canvasElement, await makePhoto('portrait'));
    const preview = await canvas.findByRole('img', { name: 'Your photo, cropped to the video frame' }, SLOW);
    const src = preview.getAttribute('src');
    drop(canvasElement, new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Acme takes photos only.');
    await expect(canvas.getByRole('group', { name: 'Photo' })).toHaveAccessibleDescription('Acme takes photos only.');
    await expect(canvas.getByRole('img', { name: 'Your photo, cropped to the video frame' })).toHaveAttribute('src', src);
  },
};
