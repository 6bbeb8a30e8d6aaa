import type { QueryClient } from '@tanstack/react-query';
import { forwardRef, useEffect, useState, type ComponentPropsWithoutRef } from 'react';
import { videoUrlOf, type ImageToVideoTransport, type PollScheduleOptions, type Prediction } from '../core/index';
import { usePrediction } from '../hooks/index';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';
import { safeMediaUrl } from './safeMediaUrl';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';

/** The parts of `useImageToVideo()`'s result the player reads. */
export interface PredictionPlayerState {
  status: string;
  prediction: Prediction | undefined;
}

export interface PredictionPlayerProps extends ComponentPropsWithoutRef<'div'> {
  /** A prediction you already have. */
  prediction?: Prediction;
  /** Or an id: the player watches it with `usePrediction`. */
  predictionId?: string;
  /** Or the hook's state (`useImageToVideo()` result). */
  state?: PredictionPlayerState;
  /** The source image (http(s) or blob: URL), shown while the job runs and as the video's poster. */
  poster?: string;
  /** Default: on, unless the user prefers reduced motion. The video is always muted. */
  autoPlay?: boolean;
  /** For id mode and the expired-video refetch. Default: the provider's. */
  transport?: ImageToVideoTransport;
  /** For id mode and the expired-video refetch. Default: the host's, from `QueryClientProvider`. */
  queryClient?: QueryClient;
  /** For id mode. Default: the provider's, else `DEFAULT_POLL_SCHEDULE`. */
  schedule?: PollScheduleOptions;
  labels?: Partial<ImageToVideoLabels>;
}

/** Load failures of one prediction's video, so a refreshed URL does not earn a second refetch. */
type LoadState = { id: string; failures: number; refetched: boolean; url: string };

/**
 * The result: the source image while the job runs, then the video (muted, looping, inline, with
 * controls), a download link and the timings. Flagged outputs stay hidden behind a reveal button.
 * A video that fails to load refetches the result once, then says it expired.
 */
export const PredictionPlayer = forwardRef<HTMLDivElement, PredictionPlayerProps>(function PredictionPlayer(
  { prediction: given, predictionId, state, poster, autoPlay, transport, queryClient, schedule, labels, ...rest },
  ref,
) {
  const l = useLabels(labels);
  // `undefined` on the server and during hydration: the video is rendered only on the client,
  // because React cannot hydrate `muted` (it is a property, never serialized) and autoplay needs
  // the user's motion preference.
  const reducedMotion = usePrefersReducedMotion();
  const passed = state ? state.prediction : given;
  // Everything the player recovers (the refetch, the retry, "expired") belongs to one prediction:
  // it is stored with that prediction's id and read only while that one is shown, so a new one
  // starts from nothing instead of inheriting the last one's video or verdict, and the element
  // (and the focus in it) stays.
  const id = state ? (state.prediction?.id ?? '') : (given?.id ?? predictionId ?? '');
  const [refetchState, setRefetchId] = useState<string>();
  const refetchId = refetchState === id ? refetchState : undefined;
  // Id mode watches all the time; otherwise a read happens only to refresh an expired URL.
  const watch = usePrediction(passed === undefined && !state ? predictionId : refetchId, { transport, queryClient, schedule });
  const prediction = (refetchId !== undefined && watch.prediction?.id === refetchId ? watch.prediction : undefined) ?? passed ?? watch.prediction;
  const url = videoUrlOf(prediction);
  const [loadState, setLoad] = useState<LoadState>();
  const load = loadState?.id === id ? loadState : undefined;
  const [revealed, setRevealed] = useState<string>();
  const expired = load !== undefined && load.failures > 1;
  const refetching = load !== undefined && load.failures === 1 && !load.refetched;

  useEffect(() => {
    if (!refetching || refetchId === undefined) return;
    let live = true;
    void watch.refetch().finally(() => {
      if (live) setLoad((s) => (s && s.id === refetchId ? { ...s, refetched: true } : s));
    });
    return () => {
      live = false;
    };
    // Only a new refetch request should read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refetching, refetchId]);

  const status = state?.status ?? (passed ? passed.status : watch.status);
  const flagged = prediction?.nsfwFlags[0] === true;
  const gated = url !== undefined && flagged && revealed !== url;
  const posterUrl = safeMediaUrl(poster, true);
  const dataState = url === undefined ? 'waiting' : expired ? 'expired' : gated ? 'gated' : 'ready';

  function onVideoError() {
    if (!url || !prediction) return;
    if (load === undefined) {
      setLoad({ id, failures: 1, refetched: false, url });
      setRefetchId(prediction.id);
    } else if (load.refetched || url !== load.url) {
      // A refreshed URL failing counts even if the refetch has not reported back yet.
      setLoad({ ...load, failures: 2 });
    }
  }

  return (
    <div ref={ref} data-i2v-part="player" data-status={status} data-state={dataState} {...rest}>
      {url === undefined || gated || expired || reducedMotion === undefined ? (
        posterUrl ? (
          <img data-i2v-part="poster" src={posterUrl} alt={l.poster} data-blurred={gated ? '' : undefined} />
        ) : null
      ) : (
        <video
          // A fresh element after a refetch, so the browser really loads the URL again.
          key={`${url}#${load?.refetched ? 1 : 0}`}
          data-i2v-part="video"
          src={url}
          poster={safeMediaUrl(poster)}
          aria-label={l.video}
          controls
          muted
          loop
          playsInline
          autoPlay={autoPlay ?? !reducedMotion}
          onError={onVideoError}
        />
      )}
      {gated ? (
        <div data-i2v-part="nsfw-gate">
          <p>{l.nsfwWarning}</p>
          <button type="button" onClick={() => setRevealed(url)}>
            {l.revealVideo}
          </button>
        </div>
      ) : null}
      {expired ? (
        <p role="alert" data-i2v-part="expired">
          {l.videoExpired}
        </p>
      ) : null}
      {url !== undefined && !gated && !expired ? (
        <a data-i2v-part="download" href={url} download target="_blank" rel="noreferrer">
          {l.download}
        </a>
      ) : null}
      {status === 'completed' && prediction?.inferenceMs ? <p data-i2v-part="timings">{l.timings(prediction.inferenceMs)}</p> : null}
    </div>
  );
});
