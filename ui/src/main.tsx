import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import './styles.css';
import './shell.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { tauriApi } from './lib/api';
import { tauriCloudApi } from './cloud/api';
import { tauriDiffApi } from './diff/api';
import { tauriRunApi } from './run/api';
import { tauriServerApi } from './server/api';
import { tauriTestsApi } from './tests/api';
import { applyTheme, loadThemeChoice, resolveTheme, systemPrefersDark } from './lib/theme';
import { installTooltips } from './lib/tooltips';

// Before the first paint, so a dark-theme user never sees a white flash.
applyTheme(resolveTheme(loadThemeChoice(), systemPrefersDark()));

function showCrash(root: HTMLElement, error: unknown): void {
  const text = error instanceof Error ? `${error.message}\n\n${error.stack ?? ''}` : String(error);
  const box = document.createElement('pre');
  box.className = 'crash';
  box.dataset.testid = 'crash';
  box.textContent = `Stepwise hit an error it could not recover from. Your file on disk is unchanged.\n\n${text}`;
  root.replaceChildren(box);
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
// Tooltips drawn by the page, inside the window and off open menus, for every `title`.
installTooltips();
createRoot(root, {
  // A render error would otherwise leave an empty window: say what broke instead.
  onUncaughtError: (error) => showCrash(root, error),
}).render(
  <StrictMode>
    <App api={tauriApi} runApi={tauriRunApi} testsApi={tauriTestsApi} serverApi={tauriServerApi} diffApi={tauriDiffApi} cloudApi={tauriCloudApi} />
  </StrictMode>,
);
