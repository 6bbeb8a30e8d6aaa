import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { ImageToVideoLabels } from './defaultLabels';
import { useLabels } from './useLabels';
import type { UseImageInputResult } from './useImageInput';

/** The `<div>`'s own props, plus the hook result to render. */
export interface ImageInputViewProps extends ComponentPropsWithoutRef<'div'> {
  /** What `useImageInput` returned: the view renders it and holds no state of its own. */
  input: UseImageInputResult;
  /** The visible strings, over the provider's `labels`; pass the same ones the hook was given. Default `defaultLabels`. */
  labels?: Partial<ImageToVideoLabels>;
}

/**
 * The library's markup for a `useImageInput` result: drop zone, preview, file chooser, URL field,
 * remove button, "preparing" note and the refusal. `ImageInput` is this over its own hook; a
 * parent that owns the hook (the compound root) renders this with the result.
 */
export const ImageInputView = forwardRef<HTMLDivElement, ImageInputViewProps>(function ImageInputView(
  { input, labels, ...rest },
  ref,
) {
  const l = useLabels(labels);
  const { preview, rejection, source, status } = input;
  return (
    <div data-i2v-part="image-input" {...input.getRootProps({ ...rest, ref })}>
      {preview ? (
        <img
          data-i2v-part="image-preview"
          data-framed={preview.framed ? '' : undefined}
          src={preview.url}
          alt={preview.framed ? l.imagePreview : l.imagePreviewUnframed}
        />
      ) : null}
      {preview && !preview.framed ? <p data-i2v-part="image-note">{l.imageNotFramed}</p> : null}
      <label data-i2v-part="image-choose">
        <span>{l.chooseImage}</span>
        <input {...input.getInputProps()} />
      </label>
      <span data-i2v-part="image-hint">{l.dropHint}</span>
      <span data-i2v-part="image-url">
        <input {...input.getUrlInputProps()} />
        <button {...input.getUrlSubmitProps()}>{l.useImageUrl}</button>
      </span>
      {source ? (
        <button data-i2v-part="image-remove" {...input.getRemoveProps()}>
          {l.removeImage}
        </button>
      ) : null}
      {status === 'preparing' ? <p data-i2v-part="image-preparing">{l.preparingImage}</p> : null}
      {rejection ? (
        <p role="alert" data-i2v-part="image-error" data-code={rejection.code}>
          {rejection.message}
        </p>
      ) : null}
    </div>
  );
});
