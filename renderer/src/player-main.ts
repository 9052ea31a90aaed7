// Entry of player.html: the lesson player alone, the SCO of the exported SCORM packages.
// The player module mounts itself; see renderer/src/lesson and renderer/src/app/player.
const root = document.getElementById('player');
if (root) root.textContent = 'Loading the lesson…';
