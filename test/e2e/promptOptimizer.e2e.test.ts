import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedPromptRewrite } from '../../src/testing/simulatedPromptRewrite';
import { startSimulatorServer, type SimulatorServer } from '../../src/testing/startSimulatorServer';
import { systemChromium } from '../systemChromium';
import { makeJpeg, startPlayground, type RunningPlayground } from './startPlayground';

/** `npm start` in keyed mode against a simulator server, as in the playground test. */
const SERVER_KEY = `fake-server-key-${crypto.randomUUID()}`;

let simulator: SimulatorServer;
let playground: RunningPlayground;
let browser: Browser;
let image: Buffer;

beforeAll(async () => {
  image = await makeJpeg(1600, 1000);
  simulator = await startSimulatorServer({ apiKey: SERVER_KEY, timing: { queueMs: 200, processingMs: 800 }, optimizerMs: 400 });
  playground = await startPlayground({ WAVESPEED_API_KEY: SERVER_KEY, WAVESPEED_BASE_URL: simulator.url });
  browser = await chromium.launch(systemChromium);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
  await simulator?.close();
});

describe('"Improve prompt" in the playground, in Chromium', () => {
  it('improves the prompt, and the video is made from the improved prompt and the one upload', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(playground.url);
    await expect.poll(() => page.getByText(/Live mode/).count()).toBe(1);

    await page.getByLabel('Choose image').setInputFiles({ name: 'cat.jpg', mimeType: 'image/jpeg', buffer: image });
    await page.getByRole('img', { name: /framed as it will be sent/ }).waitFor();
    const prompt = page.getByRole('textbox', { name: 'Prompt' });
    await prompt.fill('make it move');
    await page.getByRole('combobox', { name: 'Prompt style' }).selectOption({ label: 'Photographic' });
    await page.getByRole('button', { name: 'Improve prompt' }).click();

    const improved = simulatedPromptRewrite('make it move', 'photographic');
    await expect.poll(() => prompt.inputValue(), { timeout: 30_000 }).toBe(improved);
    await expect.poll(() => page.getByText('Prompt improved.').count()).toBe(1);

    await page.getByRole('button', { name: 'Generate video' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 60_000 }).toBe('Your video is ready.');

    const requests = simulator.simulator.requests;
    const optimize = requests.filter((r) => r.operation === 'optimize');
    const submits = requests.filter((r) => r.operation === 'submit');
    expect(optimize).toHaveLength(1);
    expect(submits).toHaveLength(1);
    // One upload, shared: the optimizer looked at the very URL the video was made from.
    expect(requests.filter((r) => r.operation === 'upload')).toHaveLength(1);
    const optimizeBody = JSON.parse(optimize[0]!.body!) as Record<string, unknown>;
    const submitBody = JSON.parse(submits[0]!.body!) as Record<string, unknown>;
    expect(optimizeBody).toEqual({ text: 'make it move', image: submitBody.image, style: 'photographic', mode: 'video', enable_sync_mode: true });
    expect(submitBody.prompt).toBe(improved);
    expect('enable_prompt_optimizer' in submitBody).toBe(false);
    expect(optimize[0]!.headers.authorization).toBe(`Bearer ${SERVER_KEY}`);
    await page.context().close();
  });
});
