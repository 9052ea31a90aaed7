// Entry of player.html: the lesson player alone, the SCO of the exported SCORM packages. It reads
// its course from content.js (window.__LEAP_COURSE__, placed beside it by the exporter), finds
// the LMS's SCORM API by the standard walk, and talks to nothing else.
import { createApp, h } from 'vue';
import LmsCourse from './app/lms/LmsCourse.vue';
import { fromPayload, PAYLOAD_GLOBAL, readPayload } from './lesson/content';
import { CourseSession } from './lesson/lms/course-session';
import { afterPaint } from './lesson/run';

const root = document.getElementById('player');

function showProblem(message: string): void {
  if (!root) return;
  root.textContent = '';
  const h1 = document.createElement('h1');
  h1.textContent = 'The lesson cannot start';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = message;
  root.append(h1, p);
}

function boot(): void {
  const payload = readPayload((window as unknown as Record<string, unknown>)[PAYLOAD_GLOBAL]);
  const content = fromPayload(payload);
  // ?module= opens that module first (the course menu stays a click away).
  const asked = new URLSearchParams(window.location.search).get('module');
  if (asked !== null && !payload.modules.includes(asked)) throw new Error(`This package has no module "${asked}" (it has ${payload.modules.join(', ')}).`);
  // A step's record goes to the LMS once its screen is painted (LessonRun's afterScreen).
  const session = CourseSession.launch({ win: window, course: content.course, moduleIds: payload.modules, visibility: document, afterScreen: afterPaint });
  // Leaving the page (the LMS's Exit, its menu, closing the window): one Terminate with exit=suspend.
  window.addEventListener('pagehide', () => session.leave());
  if (root) {
    root.textContent = '';
    createApp({ render: () => h(LmsCourse, { session, content, startModule: asked }) }).mount(root);
  }
}

try {
  if ((window as unknown as Record<string, unknown>)[PAYLOAD_GLOBAL] === undefined) {
    showProblem('This is the lesson player of the exported SCORM package. Open it from your LMS; the app opens lessons itself.');
  } else {
    boot();
  }
} catch (err) {
  showProblem((err as Error).message);
}
