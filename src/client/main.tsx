/** Entry point: capture the install offer before anything else, then mount the app. */
import { render } from 'solid-js/web';
import { App } from './app';
import { captureInstallPrompt } from './pwa/install';
import './styles.css';

captureInstallPrompt();
const root = document.getElementById('app');
if (root) render(() => <App />, root);
