import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { ImageToVideoProvider } from '../../src/hooks/ImageToVideoProvider';

// The drop-in as an app mounts it, with the app's own QueryClient (react-query's defaults).
const client = new QueryClient();
Object.assign(window, {
  i2vQueryCount: () => client.getQueryCache().getAll().length,
  // For the bench's last sample: what is left once react-query's caches are emptied.
  i2vClearCache: () => client.clear(),
});
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={client}>
    <ImageToVideoProvider>
      <ImageToVideo persist={false} defaultPrompt="the cat turns its head" />
    </ImageToVideoProvider>
  </QueryClientProvider>,
);
