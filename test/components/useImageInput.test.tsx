import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, createRef, type DragEvent, type Ref } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageInputView } from '../../src/components/ImageInputView';
import { useImageInput, type UseImageInputOptions } from '../../src/components/useImageInput';
import { expectNoAxeViolations } from './expectNoAxeViolations';
import { imageFile, stubImageDecoding } from './stubImageDecoding';

beforeEach(() => {
  stubImageDecoding();
});

/** Markup of its own, as a design system would write it, wired only through the getters. */
function OwnMarkup({
  onDrop,
  onRemoveClick,
  zoneRef,
  inputRef,
  ...options
}: UseImageInputOptions & {
  onDrop?: (event: DragEvent<HTMLElement>) => void;
  onRemoveClick?: () => void;
  zoneRef?: Ref<HTMLElement>;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const input = useImageInput(options);
  return (
    <section {...input.getRootProps({ onDrop, ref: zoneRef, tabIndex: 0, className: 'zone', 'aria-label': 'Your photo' })}>
      <input {...input.getInputProps({ ref: inputRef, hidden: true })} />
      <button type="button" onClick={input.open}>
        Browse
      </button>
      <input {...input.getUrlInputProps({ className: 'url' })} />
      <button {...input.getUrlSubmitProps()}>Fetch</button>
      <button {...input.getRemoveProps({ onClick: onRemoveClick })}>Clear</button>
      <p>{input.status}</p>
      {input.rejection ? <p role="alert">{input.rejection.message}</p> : null}
    </section>
  );
}

describe('useImageInput prop getters', () => {
  it('run the caller handler first, and skip their own when it calls preventDefault()', async () => {
    const onValueChange = vi.fn();
    const onDrop = vi.fn();
    const { rerender } = render(<OwnMarkup onValueChange={onValueChange} onDrop={onDrop} />);
    const zone = screen.getByRole('group', { name: 'Your photo' });
    const file = imageFile(1600, 900);
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    expect(onDrop).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onValueChange).toHaveBeenCalledWith(file));

    const vetoed = vi.fn((event: DragEvent<HTMLElement>) => event.preventDefault());
    rerender(<OwnMarkup onValueChange={onValueChange} onDrop={vetoed} />);
    fireEvent.drop(zone, { dataTransfer: { files: [imageFile(1000, 1000)] } });
    expect(vetoed).toHaveBeenCalledTimes(1);
    await act(async () => {});
    expect(onValueChange).toHaveBeenCalledTimes(1);
    expect(zone).toHaveAttribute('data-status', 'ready');

    const onRemoveClick = vi.fn();
    rerender(<OwnMarkup onValueChange={onValueChange} onRemoveClick={onRemoveClick} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Clear' }));
    expect(onRemoveClick).toHaveBeenCalledTimes(1);
    expect(onValueChange).toHaveBeenLastCalledWith(null);
  });

  it('hand the caller their refs and keep the caller props, and the result is accessible', async () => {
    const zoneRef = createRef<HTMLElement>();
    const inputRef = vi.fn();
    const { container } = render(<OwnMarkup zoneRef={zoneRef} inputRef={inputRef} />);
    const zone = screen.getByRole('group', { name: 'Your photo' });
    expect(zoneRef.current).toBe(zone);
    expect(zone).toHaveClass('zone');
    expect(inputRef).toHaveBeenLastCalledWith(container.querySelector('input[type="file"]'));
    expect(screen.getByRole('textbox', { name: 'Image URL' })).toHaveClass('url');
    await expectNoAxeViolations(container);
  });

  it('open() and Enter or Space on the focused zone open the picker; Enter in the URL field does not', async () => {
    const user = userEvent.setup();
    render(<OwnMarkup />);
    const picker = screen.getByLabelText('Your photo', { selector: 'section' }).querySelector('input[type="file"]')!;
    const clicks = vi.fn();
    picker.addEventListener('click', clicks);
    await user.click(screen.getByRole('button', { name: 'Browse' }));
    expect(clicks).toHaveBeenCalledTimes(1);
    screen.getByRole('group', { name: 'Your photo' }).focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(clicks).toHaveBeenCalledTimes(3);
    await user.type(screen.getByRole('textbox', { name: 'Image URL' }), 'https://cdn.example.com/cat-1600x900.png{Enter}');
    expect(clicks).toHaveBeenCalledTimes(3);
  });

  it('opens nothing and takes nothing while disabled', async () => {
    const onValueChange = vi.fn();
    render(<OwnMarkup disabled onValueChange={onValueChange} />);
    const zone = screen.getByRole('group', { name: 'Your photo' });
    const picker = zone.querySelector('input[type="file"]')!;
    const clicks = vi.fn();
    picker.addEventListener('click', clicks);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Browse' }));
    fireEvent.drop(zone, { dataTransfer: { files: [imageFile(1600, 900)] } });
    await act(async () => {});
    expect(clicks).not.toHaveBeenCalled();
    expect(onValueChange).not.toHaveBeenCalled();
    expect(zone).toHaveAttribute('data-disabled', '');
    expect(screen.getByRole('textbox', { name: 'Image URL' })).toBeDisabled();
  });
});

describe('useImageInput owned by the parent', () => {
  /** What each commit put on screen: the input's status and whether the parent could submit. */
  function recordCommits() {
    const commits: { status: string | null; canSubmit: boolean }[] = [];
    const onRender = () =>
      commits.push({
        status: screen.getByRole('group', { name: 'Image' }).getAttribute('data-status'),
        canSubmit: screen.getByRole('button', { name: /Generate|Waiting/ }).textContent === 'Generate',
      });
    return { commits, onRender };
  }

  it('has the prepared image in the same commit that says ready: no extra render, no "preparing" frame after it', async () => {
    const user = userEvent.setup();
    const { commits, onRender } = recordCommits();
    function Parent() {
      const input = useImageInput();
      return (
        <Profiler id="parent" onRender={onRender}>
          <ImageInputView input={input} />
          <button type="submit">{input.prepared ? 'Generate' : 'Waiting for the image'}</button>
        </Profiler>
      );
    }
    render(<Parent />);
    commits.length = 0;
    await user.upload(screen.getByLabelText('Choose image'), imageFile(4032, 3024));
    await screen.findByRole('img', { name: /framed as it will be sent/ });
    await act(async () => {});

    // Choosing (preparing), ready with the image, and the preview's object URL: no commit mirrors
    // the image into the parent, and none says ready while the parent still waits.
    expect(commits).toEqual([
      { status: 'preparing', canSubmit: false },
      { status: 'ready', canSubmit: true },
      { status: 'ready', canSubmit: true },
    ]);
  });
});
