import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import './styles.css';
import './shell.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { tauriApi } from './lib/api';
import { applyTheme, loadThemeChoice, resolveTheme, systemPrefersDark } from './lib/theme';

// Before the first paint, so a dark-theme user never sees a white flash.
applyTheme(resolveTheme(loadThemeChoice(), systemPrefersDark()));

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App api={tauriApi} />
  </StrictMode>,
);
