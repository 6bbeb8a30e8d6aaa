import { useState, type ReactNode } from 'react';
import type { VideoSize } from '../../src/core/submitInputSchema';
import { useImageToVideo, type UseImageToVideoResult } from '../../src/hooks/useImageToVideo';
import { makePhoto } from './makePhoto';

/**
 * Runs a real job through the hook (and so through MSW to the story's simulator) when "Start a
 * job" is pressed, and hands the hook's state to a part. Parts get their state from the
 * simulator's behaviour, never from hand-written props.
 */
export function JobHarness({ size = '1280*720', children }: { size?: VideoSize; children: (state: UseImageToVideoResult) => ReactNode }) {
  const job = useImageToVideo();
  const [starting, setStarting] = useState(false);
  return (
    <div style={{ display: 'grid', gap: '0.75rem' }}>
      <button
        type="button"
        disabled={starting || job.isRunning}
        onClick={async () => {
          setStarting(true);
          const image = await makePhoto(size === '1280*720' ? 'landscape' : 'portrait');
          setStarting(false);
          await job.submit({ image, prompt: 'The sun sets slowly behind the hills', size, duration: 5 });
        }}
      >
        Start a job
      </button>
      {children(job)}
    </div>
  );
}
