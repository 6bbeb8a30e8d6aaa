import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import {
  ImageToVideoProvider,
  predictionQueryOptions,
  useElapsedTime,
  useImageToVideo,
  useImageToVideoConfig,
  usePrediction,
  type ImageToVideoError,
  type ImageToVideoRequest,
  type ImageToVideoStatus,
  type ImageToVideoTransport,
  type Prediction,
  type SubmitInput,
  type UploadProgress,
  type UseImageToVideoOptions,
  type UseImageToVideoResult,
} from '../../src/index';

declare const transport: ImageToVideoTransport;

describe('useImageToVideo types', () => {
  it('takes optional options and returns the documented result', () => {
    expectTypeOf(useImageToVideo).parameter(0).toEqualTypeOf<UseImageToVideoOptions | undefined>();
    expectTypeOf(useImageToVideo).returns.toEqualTypeOf<UseImageToVideoResult>();
    const r = useImageToVideo();
    expectTypeOf(r.status).toEqualTypeOf<ImageToVideoStatus>();
    expectTypeOf(r.isRunning).toEqualTypeOf<boolean>();
    expectTypeOf(r.prediction).toEqualTypeOf<Prediction | undefined>();
    expectTypeOf(r.predictionId).toEqualTypeOf<string | undefined>();
    expectTypeOf(r.videoUrl).toEqualTypeOf<string | undefined>();
    expectTypeOf(r.error).toEqualTypeOf<ImageToVideoError | undefined>();
    expectTypeOf(r.uploadProgress).toEqualTypeOf<UploadProgress | undefined>();
    expectTypeOf(r.submittedAt).toEqualTypeOf<number | undefined>();
    expectTypeOf(r.elapsedMs).toEqualTypeOf<number>();
    expectTypeOf(r.input).toEqualTypeOf<ImageToVideoRequest | undefined>();
    expectTypeOf(r.submit).parameter(0).toEqualTypeOf<ImageToVideoRequest>();
    expectTypeOf(r.submit).returns.toEqualTypeOf<Promise<Prediction | undefined>>();
    expectTypeOf(r.retry).returns.toEqualTypeOf<Promise<Prediction | undefined>>();
    expectTypeOf(r.cancel).returns.toEqualTypeOf<void>();
    expectTypeOf(r.reset).returns.toEqualTypeOf<void>();
  });

  it('has exactly the eight statuses', () => {
    expectTypeOf<ImageToVideoStatus>().toEqualTypeOf<
      'idle' | 'uploading' | 'submitting' | 'queued' | 'processing' | 'completed' | 'failed' | 'canceled'
    >();
  });

  it('accepts a Blob or a string image, and only the model sizes and durations', () => {
    const r = useImageToVideo({ transport, imageMode: 'data-uri', predictionId: 'abc' });
    void r.submit({ image: new Blob(), prompt: 'x' });
    void r.submit({ image: 'https://cdn.test/a.png', prompt: 'x', size: '720*1280', duration: 10 });
    // @ts-expect-error not a size the model renders
    void r.submit({ image: 'https://cdn.test/a.png', prompt: 'x', size: '1920*1080' });
    // @ts-expect-error 5 or 10 seconds only
    void r.submit({ image: 'https://cdn.test/a.png', prompt: 'x', duration: 7 });
    // @ts-expect-error the prompt is required
    void r.submit({ image: 'https://cdn.test/a.png' });
    // @ts-expect-error upload or data-uri
    useImageToVideo({ imageMode: 'inline' });
  });

  it('types the callbacks', () => {
    useImageToVideo({
      onSubmitted: (prediction, input) => {
        expectTypeOf(prediction).toEqualTypeOf<Prediction>();
        expectTypeOf(input).toEqualTypeOf<SubmitInput>();
      },
      onCompleted: (prediction) => expectTypeOf(prediction).toEqualTypeOf<Prediction>(),
      onError: (error) => expectTypeOf(error).toEqualTypeOf<ImageToVideoError>(),
    });
  });
});

describe('usePrediction, useElapsedTime, provider and query options types', () => {
  it('usePrediction narrows its status and takes an optional id', () => {
    const p = usePrediction(undefined, { transport, submittedAt: 1 });
    expectTypeOf(p.status).toEqualTypeOf<'idle' | 'queued' | 'processing' | 'completed' | 'failed'>();
    expectTypeOf(p.prediction).toEqualTypeOf<Prediction | undefined>();
    expectTypeOf(p.error).toEqualTypeOf<ImageToVideoError | undefined>();
    expectTypeOf(p.refetch).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(usePrediction).parameter(0).toEqualTypeOf<string | undefined>();
  });

  it('useElapsedTime returns ms', () => {
    expectTypeOf(useElapsedTime(undefined)).toEqualTypeOf<number>();
    expectTypeOf(useElapsedTime(1, { intervalMs: 250, running: false })).toEqualTypeOf<number>();
  });

  it('predictionQueryOptions gives typed data to useQuery and the cache', () => {
    const options = predictionQueryOptions({ transport, predictionId: 'abc' });
    expectTypeOf(options.queryKey).toExtend<readonly ['react-image-to-video', 'prediction', string | undefined]>();
    expectTypeOf(useQuery(options).data).toEqualTypeOf<Prediction | undefined>();
    expectTypeOf(useQuery(options).error).toEqualTypeOf<ImageToVideoError | null>();
    const client = {} as QueryClient;
    expectTypeOf(client.getQueryData(options.queryKey)).toEqualTypeOf<Prediction | undefined>();
  });

  it('the provider and config', () => {
    expectTypeOf(ImageToVideoProvider).parameter(0).toHaveProperty('imageMode').toEqualTypeOf<'upload' | 'data-uri' | undefined>();
    expectTypeOf(useImageToVideoConfig().transport).toEqualTypeOf<ImageToVideoTransport>();
    expectTypeOf(useImageToVideoConfig().imageMode).toEqualTypeOf<'upload' | 'data-uri'>();
  });
});
