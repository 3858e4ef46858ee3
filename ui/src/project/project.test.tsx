import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import type { MachineInfo } from '../bindings/MachineInfo';
import type { ProjectInfo } from '../bindings/ProjectInfo';
import type { SubstitutionRow } from '../bindings/SubstitutionRow';
import { installXyflowEnv } from '../canvas/__fixtures__/xyflowEnv';
import { setup } from '../inspector/renderInspector';
import { viewOf } from '../inspector/testing';
import type { DocumentApi } from '../lib/api';
import { view } from '../test/fixtures';
import { PlaceholderValues } from './PlaceholderValues';

beforeAll(() => {
  installXyflowEnv();
});

function machine(id: string, fields: Partial<MachineInfo> = {}): MachineInfo {
  return {
    id,
    name: null,
    machineType: 'Standard',
    resourceType: 'AWS::Serverless::StateMachine',
    location: `statemachine/${id}.asl.json`,
    file: 'template.yaml',
    line: 10,
    readOnly: null,
    unavailable: null,
    ...fields,
  };
}

const PROJECT: ProjectInfo = {
  path: '/home/me/inventory/template.yaml',
  fileName: 'template.yaml',
  kind: 'SAM template',
  machines: [
    machine('ReserveStock', { machineType: 'Express', name: 'reserve-stock' }),
    machine('CreatePurchaseOrder'),
    machine('Archived', { location: 's3://bucket/x.json', unavailable: 'the definition is at s3://bucket/x.json' }),
  ],
};

function projectView(id: string, readOnly: string | null = null): ReturnType<typeof view> {
  const m = PROJECT.machines.find((x) => x.id === id) ?? machine(id);
  return view({
    path: `/home/me/inventory/statemachine/${id}.asl.json`,
    fileName: `template.yaml › ${id}`,
    title: `Stepwise — template.yaml › ${id}`,
    project: { project: PROJECT, machine: m, savedTo: `/home/me/inventory/statemachine/${id}.asl.json` },
    readOnly,
  });
}

function fakeApi(overrides: Partial<DocumentApi> = {}): DocumentApi {
  return {
    currentDocument: vi.fn(() => Promise.resolve(null)),
    openDocument: vi.fn((_path: string, _discard?: boolean, id?: string) =>
      Promise.resolve(id === undefined ? { kind: 'choose' as const, project: PROJECT } : { kind: 'document' as const, view: projectView(id) }),
    ),
    openWithDialog: vi.fn(() => Promise.resolve(null)),
    newDocument: vi.fn(() => Promise.resolve(view())),
    listExamples: vi.fn(() => Promise.resolve([])),
    openExample: vi.fn(() => Promise.resolve(view())),
    recentFiles: vi.fn(() => Promise.resolve([PROJECT.path])),
    applyEdit: vi.fn(() => Promise.reject(new Error('no'))),
    setText: vi.fn(() => Promise.resolve(view())),
    undo: vi.fn(() => Promise.resolve(view())),
    redo: vi.fn(() => Promise.resolve(view())),
    save: vi.fn(() => Promise.resolve(view())),
    saveAs: vi.fn(() => Promise.resolve(null)),
    exportAs: vi.fn(() => Promise.resolve(null)),
    copyImage: vi.fn(() => Promise.resolve({ width: 1, height: 1 })),
    resolveConflict: vi.fn(() => Promise.resolve(view())),
    copyStates: vi.fn(() => Promise.resolve({})),
    languageBlockers: vi.fn(() => Promise.resolve([])),
    onDocumentChanged: vi.fn(() => Promise.resolve(() => undefined)),
    onCloseRequested: vi.fn(() => Promise.resolve(() => undefined)),
    closeWindow: vi.fn(() => Promise.resolve()),
    requestClose: vi.fn(() => Promise.resolve()),
    listRecovered: vi.fn(() => Promise.resolve([])),
    restoreRecovered: vi.fn(() => Promise.resolve(view())),
    discardRecovered: vi.fn(() => Promise.resolve([])),
    ...overrides,
  };
}

describe('opening a project', () => {
  it('with several machines, shows the picker; the chosen one opens, with the project banner', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    render(<App api={api} />);
    await user.click(await screen.findByText(PROJECT.path));
    const picker = await screen.findByTestId('machine-picker');
    const items = within(picker).getAllByTestId('machine-item');
    expect(items.map((i) => i.dataset.machine)).toEqual(['ReserveStock', 'CreatePurchaseOrder', 'Archived']);
    expect(items[0]).toHaveTextContent('Express · deployed as reserve-stock · statemachine/ReserveStock.asl.json');
    // A machine whose definition is not here cannot be opened, and says why.
    expect(items[2]).toBeDisabled();
    expect(items[2]).toHaveTextContent('s3://bucket/x.json');

    await user.click(items[1] as HTMLElement);
    await waitFor(() => expect(api.openDocument).toHaveBeenLastCalledWith(PROJECT.path, false, 'CreatePurchaseOrder'));
    await waitFor(() => expect(screen.queryByTestId('machine-picker')).toBeNull());
    expect(await screen.findByTestId('project-machine')).toHaveTextContent('CreatePurchaseOrder');
    expect(screen.getByTestId('project-banner')).toHaveTextContent('SAM template template.yaml');

    // The banner opens the picker again, with the open machine marked.
    await user.click(screen.getByTestId('switch-machine'));
    const again = await screen.findByTestId('machine-picker');
    expect(within(again).getAllByTestId('machine-item')[1]).toHaveAttribute('aria-current', 'true');
    await user.click(within(again).getByTestId('machine-picker-cancel'));
    await waitFor(() => expect(screen.queryByTestId('machine-picker')).toBeNull());
  });

  it('a read-only machine says why in its banner', async () => {
    const api = fakeApi({ currentDocument: vi.fn(() => Promise.resolve(projectView('ReserveStock', 'the definition comes from code (CDK)'))) });
    render(<App api={api} />);
    expect(await screen.findByTestId('read-only')).toHaveTextContent('Read-only: the definition comes from code (CDK)');
  });
});

const FN_ARN: SubstitutionRow = {
  name: 'FnArn',
  value: 'arn:aws:lambda:us-east-1:123456789012:function:ProcessFunction',
  origin: 'template',
  expression: '!GetAtt ProcessFunction.Arn',
  resource: { id: 'ProcessFunction', resourceType: 'AWS::Serverless::Function', file: 'template.yaml', line: 42 },
  pointers: ['/States/Process/Resource'],
  numeric: false,
};
const DELAY: SubstitutionRow = { name: 'Delay', value: null, origin: 'none', expression: null, resource: null, pointers: ['/States/W/Seconds'], numeric: true };

const DEFINITION = {
  StartAt: 'Process',
  States: { Process: { Type: 'Task', Resource: '${FnArn}', Next: 'W' }, W: { Type: 'Wait', Seconds: 5, End: true } },
};

describe('placeholders', () => {
  it('the inspector shows a placeholder field as what it stands for and the resource it links to', () => {
    setup(['/States/Process'], viewOf(DEFINITION, { substitutions: [FN_ARN, DELAY] }));
    const chips = screen.getAllByTestId('placeholder-chip');
    expect(chips).toHaveLength(1);
    expect(chips[0]).toHaveTextContent('${FnArn}ProcessFunction · AWS::Serverless::Function · template.yaml:42');
  });

  it('a read-only definition is shown, not edited', () => {
    const { root } = setup(['/States/Process'], viewOf(DEFINITION, { readOnly: 'CDK' }));
    expect(root.querySelector('fieldset')).toBeDisabled();
  });

  it('the run panel lists placeholders with the project values; an edit is the value given', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<PlaceholderValues rows={[FN_ARN, DELAY]} values={{}} onChange={onChange} />);
    const inputs = screen.getAllByTestId('run-placeholder');
    expect(inputs.map((i) => (i as HTMLInputElement).value)).toEqual([FN_ARN.value, '']);
    expect(inputs[1]).toHaveAttribute('placeholder', 'a number');
    await user.type(inputs[1] as HTMLElement, '7');
    expect(onChange).toHaveBeenLastCalledWith('Delay', '7');
  });
});
