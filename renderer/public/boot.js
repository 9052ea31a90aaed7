// The first screen's questions to main, asked while the app's modules are still loading (issue 19
// item 6): a plain script that runs as soon as the page is parsed, so the round trip to main
// overlaps the download and start of the app instead of following it. The stores take each reply
// once (renderer/src/api.ts, callEarly); with no bridge (inside an LMS) nothing is asked.
'use strict';
if (window.api) {
  const ask = (channel) =>
    window.api.invoke(channel, {}).catch((e) => ({ ok: false, error: { code: 'unavailable', message: String((e && e.message) || e) } }));
  window.__boot = { 'setup.status': ask('setup.status'), 'app.info': ask('app.info') };
}
