import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { DurationPicker } from '../../src/components/DurationPicker';
import { SizePicker } from '../../src/components/SizePicker';
import type { VideoDuration, VideoSize } from '../../src/core/submitInputSchema';
import { expectNoAxeViolations } from './expectNoAxeViolations';

describe('SizePicker', () => {
  it('offers both sizes by name, landscape first, and moves with arrow keys (uncontrolled)', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<SizePicker onValueChange={onValueChange} />);
    expect(screen.getByRole('radiogroup', { name: 'Size' })).toBeInTheDocument();
    const landscape = screen.getByRole('radio', { name: 'Landscape 1280×720' });
    const portrait = screen.getByRole('radio', { name: 'Portrait 720×1280' });
    expect(landscape).toBeChecked();
    await user.tab();
    expect(landscape).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(portrait).toBeChecked();
    expect(portrait).toHaveFocus();
    expect(onValueChange).toHaveBeenLastCalledWith('720*1280');
    expect(portrait.closest('label')).toHaveAttribute('data-state', 'checked');
    await user.keyboard('{ArrowUp}');
    expect(landscape).toBeChecked();
  });

  it('follows value when controlled and only reports clicks', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    const { rerender } = render(<SizePicker value="720*1280" onValueChange={onValueChange} />);
    expect(screen.getByRole('radio', { name: /portrait/i })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /landscape/i }));
    expect(onValueChange).toHaveBeenCalledWith('1280*720');
    // The parent did not accept the change.
    expect(screen.getByRole('radio', { name: /portrait/i })).toBeChecked();
    rerender(<SizePicker value="1280*720" onValueChange={onValueChange} />);
    expect(screen.getByRole('radio', { name: /landscape/i })).toBeChecked();
  });

  it('round-trips through a parent that owns the state', async () => {
    const user = userEvent.setup();
    function Parent() {
      const [size, setSize] = useState<VideoSize>('1280*720');
      return (
        <>
          <SizePicker value={size} onValueChange={setSize} />
          <output>{size}</output>
        </>
      );
    }
    render(<Parent />);
    await user.click(screen.getByRole('radio', { name: /portrait/i }));
    expect(screen.getByRole('status')).toHaveTextContent('720*1280');
  });

  it('uses replaced labels, passes props through, shows the image in thumbnails, and drops unsafe URLs', async () => {
    const ref = { current: null as HTMLDivElement | null };
    const { container, rerender } = render(
      <SizePicker
        ref={ref}
        className="mine"
        data-testid="sp"
        imageSrc="https://cdn.example.com/cat.jpg"
        labels={{ size: 'Format', sizeOption: (s) => (s === '1280*720' ? 'Paysage' : 'Portrait') }}
      />,
    );
    expect(screen.getByRole('radiogroup', { name: 'Format' })).toHaveClass('mine');
    expect(ref.current).toBe(screen.getByTestId('sp'));
    expect(screen.getByRole('radio', { name: 'Paysage' })).toBeInTheDocument();
    expect(container.querySelectorAll('img[src="https://cdn.example.com/cat.jpg"]')).toHaveLength(2);
    await expectNoAxeViolations(container);
    rerender(<SizePicker imageSrc="javascript:alert(1)" />);
    expect(container.querySelector('img')).toBeNull();
  });

  it('is disabled as a whole', () => {
    render(<SizePicker disabled />);
    for (const radio of screen.getAllByRole('radio')) expect(radio).toBeDisabled();
    expect(screen.getByRole('radiogroup')).toHaveAttribute('data-disabled', '');
  });
});

describe('DurationPicker', () => {
  it('names options "5 s" and "10 s" and describes each with its cost', async () => {
    const user = userEvent.setup();
    const { container } = render(<DurationPicker />);
    const five = screen.getByRole('radio', { name: '5 s' });
    const ten = screen.getByRole('radio', { name: '10 s' });
    expect(five).toBeChecked();
    expect(five).toHaveAccessibleDescription('$0.20');
    expect(ten).toHaveAccessibleDescription('$0.40');
    await user.click(five);
    await user.keyboard('{ArrowRight}');
    expect(ten).toBeChecked();
    await expectNoAxeViolations(container);
  });

  it('takes another price and currency, or none', () => {
    const { rerender } = render(<DurationPicker pricePerFiveSeconds={0.25} currency="EUR" />);
    expect(screen.getByRole('radio', { name: '10 s' })).toHaveAccessibleDescription('€0.50');
    rerender(<DurationPicker pricePerFiveSeconds={null} />);
    expect(screen.getByRole('radio', { name: '10 s' })).not.toHaveAttribute('aria-describedby');
  });

  it('is controlled by value', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn<(value: VideoDuration) => void>();
    render(<DurationPicker value={10} onValueChange={onValueChange} />);
    expect(screen.getByRole('radio', { name: '10 s' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: '5 s' }));
    expect(onValueChange).toHaveBeenCalledWith(5);
    expect(screen.getByRole('radio', { name: '10 s' })).toBeChecked();
  });
});
