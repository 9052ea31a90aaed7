// Entry of player.html: the lesson player alone, the SCO of the exported SCORM packages. It reads
// its course from content.js (window.__LEAP_COURSE__, placed beside it by the exporter), finds
// the LMS's SCORM API by the standard walk, and talks to nothing else.
import { createApp, defineComponent, h, shallowRef } from 'vue';
import LessonPlayer from './app/player/LessonPlayer.vue';
import { fromPayload, PAYLOAD_GLOBAL, readPayload } from './lesson/content';
import type { LessonSnapshot } from './lesson/run';
import { startLesson, type StartedLesson } from './lesson/start';

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
  const moduleId = new URLSearchParams(window.location.search).get('module') ?? payload.modules[0] ?? '';
  if (!payload.modules.includes(moduleId)) throw new Error(`This package has no module "${moduleId}" (it has ${payload.modules.join(', ')}).`);
  const started: StartedLesson = startLesson({ win: window, course: content.course, moduleId });
  const snapshot = shallowRef<LessonSnapshot>(started.run.snapshot);
  started.run.onChange((s) => (snapshot.value = s));
  // Closing the LMS window or moving on: suspend, so the LMS resumes here next time.
  const leave = (): void => started.run.leave();
  window.addEventListener('pagehide', leave);
  window.addEventListener('beforeunload', leave);

  const App = defineComponent({
    setup() {
      return () => [
        h('main', { class: 'app-main', id: 'main' }, [
          started.restartedBecause ? h('p', { class: 'notice', role: 'status' }, 'Your saved place could not be read, so the lesson starts again from the beginning.') : null,
          h(LessonPlayer, {
            plan: started.plan,
            snapshot: snapshot.value,
            content,
            onSend: (e: Parameters<typeof started.run.send>[0]) => started.run.send(e),
          }),
          snapshot.value.value === 'done' ? h('p', { class: 'notice', role: 'status', 'data-testid': 'finished' }, 'You have finished. Your result is saved. You can close this window.') : null,
        ]),
      ];
    },
  });
  if (root) {
    root.textContent = '';
    createApp(App).mount(root);
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
