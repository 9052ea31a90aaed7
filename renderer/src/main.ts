import './lesson/zod-jitless'; // first: before any zod schema is built (CSP, no eval)
import { startApp } from './app/shell/start';
// After the components: one stylesheet for the first screen (one request fewer), in the order the
// two files had (the components' rules, then these, which win a tie as before).
import './app/first-screen.css';

void startApp(document.getElementById('app') as HTMLElement, window.__boot);
