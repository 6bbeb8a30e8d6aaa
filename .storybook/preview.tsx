import type { Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { useState, type ReactNode } from 'react';
import { ImageToVideoProvider } from '../src/hooks/ImageToVideoProvider';
import { STORY_SCHEDULE } from '../stories/support/simulate';
import '../src/styles.css';

/** A fresh cache per story (nothing one story fetched leaks into the next), kept across its re-renders. */
function StoryProviders({ theme, children }: { theme: 'light' | 'dark'; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  return (
    <QueryClientProvider client={client}>
      <ImageToVideoProvider schedule={STORY_SCHEDULE}>
        <div data-theme={theme} style={{ colorScheme: theme, maxInlineSize: '40rem', background: 'var(--i2v-bg)', color: 'var(--i2v-fg)', padding: '1rem' }}>
          {children}
        </div>
      </ImageToVideoProvider>
    </QueryClientProvider>
  );
}

const preview: Preview = {
  // Starts the MSW worker once; each story's `beforeEach` installs its own simulator behind it.
  loaders: [mswLoader()],
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    // Every story is a test in Chromium; an axe violation fails it.
    a11y: { test: 'error' },
  },
  decorators: [
    (Story, { parameters }) => (
      <StoryProviders theme={(parameters.theme as 'light' | 'dark' | undefined) ?? 'light'}>
        <Story />
      </StoryProviders>
    ),
  ],
};

export default preview;
