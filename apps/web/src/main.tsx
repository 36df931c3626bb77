import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { prefetchFirstScreen } from './api/first-screen.prefetch';
import { queryClient } from './api/query-client';
import { App } from './app';
import { registerServiceWorker } from './pwa/register-service-worker';
import { useUiStore } from './stores/ui.store';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

prefetchFirstScreen(queryClient, window.location.pathname);

// The saved theme applies before the first render (no flash of the dark theme for light users) and on every change.
const applyTheme = (theme: string): void => {
  document.documentElement.dataset.theme = theme;
};
applyTheme(useUiStore.getState().theme);
useUiStore.subscribe((state) => applyTheme(state.theme));

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);

// Offline: the app shell and the last answers stay on the device (after the first screen is up).
registerServiceWorker();
