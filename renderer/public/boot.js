// The first screen's two answers from main (issue 19 item 6): the bridge (the preload, or the
// preview's stand-in) asked them as the page started, so they are normally in before this plain
// script runs once the page is parsed; a page without them asks now, while the app's modules load.
// The stores take each reply once (renderer/src/api.ts, callEarly); with no bridge (inside an LMS)
// nothing is asked.
//
// The app shell (docs/architecture.md): index.html carries the home screen's markup, built from the
// real components, hidden. Once main says this PC is set up and has given the Trust's details, they
// are put in as text and the shell is shown, before the app's code has even compiled; the app then
// takes these very nodes over (hydration). A press on one of its buttons before that is kept, and
// carried out once by the app when it takes over (renderer/src/app/shell/start.ts). A PC not set
// up never shows it: the app mounts afresh and draws the set-up screen.
'use strict';
if (window.api) {
  // The bridge asked these as the page started (window.api.early); otherwise they are asked now.
  // An early question refused as not from the app (main checks the sender frame's address, which a
  // page still starting might not show yet) is asked again now, so an early refusal never stands.
  const invoke = (channel) => window.api.invoke(channel, {});
  const early = (channel) => {
    const reply = window.api.early?.(channel);
    return reply ? Promise.resolve(reply).then((r) => (r && r.ok === false && r.error && r.error.code === 'forbidden' ? invoke(channel) : r)) : invoke(channel);
  };
  const ask = (channel) =>
    early(channel).catch((e) => ({
      ok: false,
      error: { code: 'unavailable', message: String((e && e.message) || e) },
    }));
  const setupStatus = ask('setup.status');
  const appInfo = ask('app.info');
  const boot = { 'setup.status': setupStatus, 'app.info': appInfo, presses: [], started: false };
  window.__boot = boot;

  // "%%policy.title%%" → the reply's policy.title; undefined when the reply has no such text.
  const field = (info, path) => path.split('.').reduce((v, key) => (v !== null && typeof v === 'object' ? v[key] : undefined), info);
  const TOKEN = /%%([\w.]+)%%/g;
  // Every token must be one of the reply's texts, or the shell is not shown (the app then draws
  // the screen itself). The values go in as text, never as markup.
  const fill = (shell, info) => {
    const texts = [];
    const walker = document.createTreeWalker(shell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) if (walker.currentNode.data.includes('%%')) texts.push(walker.currentNode);
    let complete = true;
    const filled = texts.map((node) =>
      node.data.replace(TOKEN, (_, path) => {
        const value = field(info, path);
        if (typeof value !== 'string') complete = false;
        return String(value);
      }),
    );
    if (!complete) return false;
    texts.forEach((node, i) => (node.data = filled[i]));
    return true;
  };

  boot.shell = Promise.all([setupStatus, appInfo]).then(([setup, info]) => {
    const shell = document.querySelector('#app[data-app-shell]');
    if (!shell || boot.started || !setup.ok || setup.value.setUp !== true || !info.ok || !fill(shell, info.value)) return null;
    shell.addEventListener(
      'click',
      (event) => {
        const button = !boot.started && event.target instanceof Element ? event.target.closest('button') : null;
        if (button) boot.presses.push(button);
      },
      true,
    );
    shell.hidden = false;
    return { setUp: true, info: info.value };
  }).catch(() => null); // anything unforeseen: the shell stays hidden and the app mounts afresh
}
