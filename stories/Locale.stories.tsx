import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { ImageToVideoLabels, RejectionDetails, StatusDetails, StatusStage, SubmitBlockReason } from '../src/components/defaultLabels';
import { ImageToVideo } from '../src/components/ImageToVideo';
import type { ImageRejectionCode, ImageToVideoError } from '../src/core/index';
import { ImageToVideoProvider } from '../src/hooks/ImageToVideoProvider';
import { makePhoto } from './support/makePhoto';
import { simulate, STORY_SCHEDULE } from './support/simulate';

/*
 * An example translation, not part of the library: every string comes from the provider's
 * `labels`, and the functions format numbers with their own `Intl` locale. Copy it into your app
 * and adjust; anything left out stays English.
 */
const LOCALE = 'de';
const number = (value: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(LOCALE, options).format(value);
const seconds = (ms: number) => `${number(Math.max(0, Math.round(ms / 1000)))} s`;

const STAGES: Record<StatusStage, string> = {
  idle: '',
  uploading: 'Bild wird hochgeladen …',
  submitting: 'Wird gestartet …',
  queued: 'In der Warteschlange …',
  processing: 'Video wird erzeugt …',
  completed: 'Dein Video ist fertig.',
  failed: 'Das Video konnte nicht erstellt werden.',
  canceled: 'Abgebrochen.',
};

const BLOCKED: Record<SubmitBlockReason, string> = {
  'no-image': 'Wähle zuerst ein Bild.',
  'preparing-image': 'Das Bild wird noch vorbereitet.',
  'no-prompt': 'Beschreibe zuerst die Bewegung.',
  'prompt-too-long': 'Die Beschreibung ist zu lang.',
  running: 'Ein Video wird gerade erstellt.',
};

const REJECTIONS: Record<ImageRejectionCode, (details: RejectionDetails) => string> = {
  'not-image': () => 'Diese Datei ist kein Bild.',
  'unsupported-type': () => 'Dieses Bildformat wird nicht unterstützt. Verwende JPEG, PNG, WebP, GIF oder AVIF.',
  unreadable: () => 'Das Bild konnte nicht gelesen werden; es ist vielleicht beschädigt.',
  'invalid-url': () => 'Gib eine Bildadresse ein, die mit https:// beginnt.',
  'too-large': ({ maxBytes }) => `Das Bild ist zu groß; erlaubt sind ${number(maxBytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB.`,
  'too-small': ({ minDimension }) => `Das Bild ist zu klein; es braucht mindestens ${number(minDimension)} Pixel je Seite.`,
};

function estimate({ elapsedMs, estimateMs }: StatusDetails): string {
  if (!estimateMs) return `${seconds(elapsedMs)} vergangen`;
  const [start, end] = estimateMs;
  if (elapsedMs > end) return `${seconds(elapsedMs)} vergangen, länger als üblich (meist fertig nach ${seconds(end)})`;
  return `${seconds(elapsedMs)} vergangen, meist fertig nach ${number(Math.round(start / 1000))}–${seconds(end)}`;
}

function errorMessage(error: ImageToVideoError): string {
  switch (error.kind) {
    case 'rate-limited':
      return 'Gerade entstehen zu viele Videos. Versuche es gleich noch einmal.';
    case 'network':
      return 'Der Server ist nicht erreichbar. Prüfe die Verbindung und versuche es erneut.';
    case 'content-moderated':
      return 'Bild oder Beschreibung wurden von der Moderation abgelehnt. Versuche etwas anderes.';
    default:
      return 'Das hat nicht geklappt. Versuche es erneut.';
  }
}

const germanLabels: Partial<ImageToVideoLabels> = {
  image: 'Bild',
  chooseImage: 'Bild wählen',
  dropHint: 'oder hier ein Bild ablegen oder einfügen',
  imageUrl: 'Bildadresse',
  useImageUrl: 'Adresse verwenden',
  removeImage: 'Bild entfernen',
  preparingImage: 'Bild wird vorbereitet …',
  imagePreview: 'Gewähltes Bild, zugeschnitten wie es gesendet wird',
  imagePreviewUnframed: 'Gewähltes Bild, wie es unter seiner Adresse liegt',
  imageNotFramed: 'Die Website dieses Bildes erlaubt keinen Zuschnitt hier: Die Adresse wird unverändert gesendet.',
  rejection: (code, details) => REJECTIONS[code](details),
  size: 'Format',
  sizeOption: (size) => (size === '1280*720' ? 'Querformat 1280×720' : 'Hochformat 720×1280'),
  duration: 'Länge',
  durationOption: (value) => `${number(value)} s`,
  cost: (amount, currency) => number(amount, { style: 'currency', currency }),
  prompt: 'Beschreibung',
  promptCount: (length, max) => `${number(length)} / ${number(max)}`,
  promptShortcut: 'Strg+Enter oder ⌘+Enter erzeugt das Video',
  improvePrompt: 'Beschreibung verbessern',
  improvingPrompt: 'Beschreibung wird verbessert …',
  promptImproved: 'Beschreibung verbessert. Rückgängig (Strg+Z oder ⌘+Z) holt deine zurück.',
  undoImprovePrompt: 'Rückgängig',
  promptRestored: 'Deine Beschreibung ist zurück.',
  promptStyle: 'Stil',
  promptStyleOption: (style) => (style === 'default' ? 'Beliebiger Stil' : style[0]!.toUpperCase() + style.slice(1)),
  improvePromptError: (error) => `Die Beschreibung konnte nicht verbessert werden: ${errorMessage(error)} Deine Beschreibung ist unverändert.`,
  submit: 'Video erzeugen',
  submitBlocked: (reason) => BLOCKED[reason],
  status: (stage) => STAGES[stage],
  statusProgress: (stage, details) => {
    if (stage === 'uploading') return details.progress === undefined ? '' : number(details.progress, { style: 'percent' });
    return stage === 'queued' || stage === 'processing' ? estimate(details) : '';
  },
  errorMessage,
  retry: 'Erneut versuchen',
  changeImage: 'Anderes Bild wählen',
  editPrompt: 'Beschreibung bearbeiten',
  cancel: 'Abbrechen',
  cancelCaveat: 'Beendet das Warten auf dieses Video. Der Dienst kann eine gestartete Aufgabe nicht stoppen: Sie kann trotzdem fertig und berechnet werden.',
  progress: 'Fortschritt des Videos',
  video: 'Erzeugtes Video',
  poster: 'Ausgangsbild',
  download: 'Video herunterladen',
  nsfwWarning: 'Dieses Video wurde als möglicherweise heikel markiert.',
  revealVideo: 'Video zeigen',
  videoExpired: 'Dieses Video ist abgelaufen und nicht mehr verfügbar.',
  timings: (ms) => `Erzeugt in ${number(ms / 1000, { maximumFractionDigits: 1 })} s`,
};

const meta = {
  title: 'Drop-in/Locale (Deutsch)',
  component: ImageToVideo,
  args: { persist: false, currency: 'EUR' },
  beforeEach: simulate(),
  decorators: [
    (Story) => (
      <ImageToVideoProvider schedule={STORY_SCHEDULE} labels={germanLabels}>
        <div lang={LOCALE}>
          <Story />
        </div>
      </ImageToVideoProvider>
    ),
  ],
} satisfies Meta<typeof ImageToVideo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The whole drop-in in German, from the provider's `labels` alone: a job run through to the video. */
export const German: Story = {
  play: async ({ canvasElement, userEvent }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'Video erzeugen' });
    await expect(button).toHaveAccessibleDescription('Wähle zuerst ein Bild.');
    await expect(canvas.getByRole('radio', { name: '5 s' })).toHaveAccessibleDescription(/^0,20\s€$/);
    await userEvent.upload(canvas.getByLabelText('Bild wählen'), await makePhoto('landscape'));
    await waitFor(() => expect(canvas.getByRole('img', { name: /zugeschnitten wie es gesendet wird/ })).toBeVisible(), { timeout: 10_000 });
    await userEvent.type(canvas.getByRole('textbox', { name: 'Beschreibung' }), 'Die Sonne geht langsam unter');
    await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(button);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Dein Video ist fertig.'), { timeout: 20_000 });
    await expect(canvas.getByLabelText('Erzeugtes Video')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Video herunterladen' })).toBeVisible();
  },
};
