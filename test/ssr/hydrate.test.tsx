// @vitest-environment node
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { JSDOM } from 'jsdom';
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { populateGlobal } from 'vitest/environments';
import { ImageToVideo } from '../../src/components/ImageToVideo';
import { ImageToVideoProvider } from '../../src/hooks/ImageToVideoProvider';
import { createMockTransport } from '../../src/testing/createMockTransport';

const transport = createMockTransport();

function App() {
  return (
    <QueryClientProvider client={new QueryClient()}>
      <ImageToVideoProvider transport={transport}>
        <ImageToVideo defaultPrompt="The sun sets behind the hills" defaultSize="720*1280" defaultDuration={10} />
      </ImageToVideoProvider>
    </QueryClientProvider>
  );
}

let restore: (() => void) | undefined;
afterEach(() => restore?.());

it('renders the drop-in on the server and hydrates it in a browser without a warning', async () => {
  // The server side: plain Node, no DOM at all.
  expect(typeof document).toBe('undefined');
  const html = renderToString(<App />);
  expect(html).toContain('Generate video');

  // The client side: a page holding that markup, then React takes it over.
  const dom = new JSDOM(`<!doctype html><html><body><div id="root">${html}</div></body></html>`, { url: 'http://localhost/', pretendToBeVisual: true });
  const { keys, originals } = populateGlobal(globalThis, dom.window, { bindFunctions: true });
  restore = () => {
    for (const key of keys) delete (globalThis as Record<string, unknown>)[key];
    originals.forEach((value, key) => Object.assign(globalThis, { [key]: value }));
    dom.window.close();
  };
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
  const errors = vi.spyOn(console, 'error');
  const warnings = vi.spyOn(console, 'warn');
  const recoverable = vi.fn();
  const { hydrateRoot } = await import('react-dom/client');
  const container = document.getElementById('root')!;
  const serverForm = container.querySelector('form');
  await act(async () => {
    hydrateRoot(container, <App />, { onRecoverableError: recoverable });
  });

  expect(errors).not.toHaveBeenCalled();
  expect(warnings).not.toHaveBeenCalled();
  expect(recoverable).not.toHaveBeenCalled();
  // Hydrated, not re-rendered: the server's nodes are the live ones, and they respond.
  expect(container.querySelector('form')).toBe(serverForm);
  const landscape = container.querySelector<HTMLInputElement>('input[type="radio"][value="1280*720"]')!;
  expect(landscape.checked).toBe(false);
  await act(async () => landscape.click());
  expect(landscape.checked).toBe(true);
  expect(container.querySelector('textarea')!.value).toBe('The sun sets behind the hills');
});
