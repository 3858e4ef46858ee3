/** Renders the Inspector for a test, with its edit and select callbacks as mocks. */
import { fireEvent, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import type { DocumentView } from '../bindings/DocumentView';
import type { Edit } from '../bindings/Edit';
import { Inspector } from './Inspector';
import { SAMPLE, viewOf } from './testing';

export function setup(selection: string[], view: DocumentView = viewOf(SAMPLE)) {
  const onEdit = vi.fn<(edit: Edit) => void>();
  const onSelect = vi.fn<(pointers: string[]) => void>();
  const utils = render(<Inspector view={view} selection={selection} onEdit={onEdit} onSelect={onSelect} />);
  const root = screen.getByTestId('inspector');
  const field = (name: string, within_: HTMLElement = root): HTMLInputElement => {
    const el = within_.querySelector<HTMLInputElement>(`[data-field="${name}"]`);
    if (el === null) throw new Error(`no field ${name}`);
    return el;
  };
  return { ...utils, onEdit, onSelect, root, field };
}

/** Types into a text input and commits with Enter. */
export function typeAndEnter(input: HTMLElement, text: string): void {
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}
