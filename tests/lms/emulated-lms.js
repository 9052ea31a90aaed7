/* An emulated LMS for the package tests, modelled on how Moodle's SCORM player behaves (its
 * runtime is public: mod/scorm/datamodels and mod/scorm/request.js in moodle/moodle). Written for
 * these tests from those observations; no Moodle code. It runs in the browser, in two pages:
 *
 * - the site page (`LeapTestLms.site(window)`): the LMS's server. It keeps the learner's stored
 *   elements, the saves still on their way, and a log of every call the SCO made;
 * - the player page (`LeapTestLms.player(window, config)`): the LMS's player, inside the site page.
 *   It holds the SCORM API, a menu entry that relaunches the SCO in the same page, and the SCO's
 *   frame. Leaving it (the test navigates it away) is the learner's "Exit activity".
 *
 * Behaviours, each switched on by the config:
 * - stickyTerminate (SCORM 2004): one API object per player page whose terminated state is never
 *   reset, so a SCO launched again in the same page gets Initialize error 104;
 * - fireAndForget: a save made while the player page handles an event of its own (its menu), or
 *   while it is hidden or being left, makes this page send it and every later save fire-and-forget
 *   (the call says "true" at once); those saves land in reverse order, when the LMS next reads its
 *   records (a new launch, or the test asking);
 * - throwOnRelaunch (SCORM 1.2): launching a SCO again in a page where answers were recorded makes
 *   the LMS's own LMSInitialize throw a TypeError;
 * - entry: 'resume' only after exit=suspend; otherwise 'ab-initio' (2004) or '' (1.2), with every
 *   stored element kept (a new attempt is the LMS's decision, never the SCO's);
 * - no mastery by score: the LMS never derives a status from the score; it only, like Moodle's
 *   SCORM 1.2 player, turns a status still 'not attempted' at LMSFinish into 'completed';
 * - mode: 'normal' (default), 'review' or 'browse';
 * - refuseCommits / throwOnCommit: Commit answers "false" (1.2 error 101, 2004 error 391), or throws,
 *   until the test calls `__lmsPlayer.heal()`.
 * Each save sends only the elements changed since the last save of this page, as Moodle's does.
 */
(function (global) {
  'use strict';

  function site(win) {
    var server = {
      store: {},
      queue: [],
      calls: [],
      launches: 0,
      apply: function (changes) {
        Object.keys(changes).forEach(function (k) {
          server.store[k] = changes[k];
        });
      },
      enqueue: function (changes) {
        server.queue.push(changes);
      },
      /** The saves still on their way land now, the last sent first. */
      deliver: function () {
        var held = server.queue.splice(0);
        for (var i = held.length - 1; i >= 0; i--) server.apply(held[i]);
        return held.length;
      },
      seed: function (elements) {
        server.store = Object.assign({}, elements);
      },
    };
    win.__server = server;
  }

  var READ_ONLY_12 = /^cmi\.(core\.(student_id|student_name|credit|entry|total_time|lesson_mode)|launch_data|comments_from_lms|student_data\..*|interactions\._count|objectives\._count|_version|.*\._children)$/;
  var WRITE_ONLY_12 = /^cmi\.(core\.(exit|session_time)|interactions\.\d+\..*)$/;
  var READ_ONLY_2004 = /^cmi\.(learner_id|learner_name|credit|entry|mode|total_time|launch_data|completion_threshold|scaled_passing_score|max_time_allowed|time_limit_action|interactions\._count|objectives\._count|_version|.*\._children|.*\._count)$/;
  var WRITE_ONLY_2004 = /^cmi\.(exit|session_time)$/;
  var STATUS_12 = ['passed', 'completed', 'failed', 'incomplete', 'browsed'];

  function player(win, config) {
    var server = win.parent.__server;
    var v2004 = config.version === 'scorm2004';
    var page = { fireAndForget: false, answersRecorded: false, launches: 0, api: null, healed: false };
    var doc = win.document;

    // Moodle's player marks page dismissal and then saves fire-and-forget.
    if (config.fireAndForget) {
      win.addEventListener('beforeunload', function () {
        page.fireAndForget = true;
      });
      win.addEventListener('pagehide', function () {
        page.fireAndForget = true;
      });
    }

    function log(call, element, value, result) {
      server.calls.push({ page: server.launches, call: call, element: element === undefined ? null : element, value: value === undefined ? null : value, result: String(result) });
    }

    function newApi() {
      server.deliver();
      var stored = server.store;
      var cmi = {};
      Object.keys(stored).forEach(function (k) {
        cmi[k] = stored[k];
      });
      var lastSent = Object.assign({}, cmi);
      var exitKey = v2004 ? 'cmi.exit' : 'cmi.core.exit';
      var resumed = stored[exitKey] === 'suspend';
      var any = Object.keys(stored).length > 0;
      var entry = resumed ? 'resume' : v2004 ? 'ab-initio' : any ? '' : 'ab-initio';
      delete cmi[exitKey];
      delete lastSent[exitKey];
      if (v2004) {
        cmi['cmi.entry'] = entry;
        cmi['cmi.mode'] = config.mode || 'normal';
        cmi['cmi.credit'] = 'credit';
        cmi['cmi.learner_id'] = config.learner.id;
        cmi['cmi.learner_name'] = config.learner.name;
        if (!cmi['cmi.completion_status']) cmi['cmi.completion_status'] = 'unknown';
        if (!cmi['cmi.success_status']) cmi['cmi.success_status'] = 'unknown';
      } else {
        cmi['cmi.core.entry'] = entry;
        cmi['cmi.core.lesson_mode'] = config.mode || 'normal';
        cmi['cmi.core.credit'] = 'credit';
        cmi['cmi.core.student_id'] = config.learner.id;
        cmi['cmi.core.student_name'] = config.learner.name;
        if (!cmi['cmi.core.lesson_status']) cmi['cmi.core.lesson_status'] = 'not attempted';
      }
      var state = { initialized: false, terminated: false, error: '0' };

      function count(prefix) {
        var seen = {};
        Object.keys(cmi).forEach(function (k) {
          var m = new RegExp('^' + prefix.replace(/\./g, '\\.') + '(\\d+)\\.').exec(k);
          if (m) seen[m[1]] = true;
        });
        return String(Object.keys(seen).length);
      }

      function changed() {
        var out = {};
        Object.keys(cmi).forEach(function (k) {
          var derived = /^cmi\.(entry|mode|credit|learner_id|learner_name|core\.(entry|lesson_mode|credit|student_id|student_name))$/.test(k);
          if (!derived && cmi[k] !== lastSent[k]) {
            out[k] = cmi[k];
            lastSent[k] = cmi[k];
          }
        });
        return out;
      }

      function save() {
        if (config.fireAndForget && (win.event || doc.visibilityState === 'hidden')) page.fireAndForget = true;
        var changes = changed();
        if (page.fireAndForget) server.enqueue(changes);
        else server.apply(changes);
      }

      function commitRefused() {
        if (page.healed) return false;
        if (config.throwOnCommit) throw new Error('LMS request failed: the server did not answer');
        return Boolean(config.refuseCommits);
      }

      function initialize(param) {
        if (param !== '') return fail(v2004 ? '201' : '201');
        if (!v2004 && config.throwOnRelaunch && page.launches > 1 && page.answersRecorded) {
          // What Moodle's own script does here: the SCO sees an exception, not an error code.
          var interactions = page.relaunchState; // never set on a relaunch: the exception Moodle shows
          return interactions.objectives;
        }
        if (state.initialized) return fail(v2004 ? '103' : '101');
        if (v2004 && state.terminated) return fail('104');
        state.initialized = true;
        state.error = '0';
        return 'true';
      }

      function terminate(param) {
        if (param !== '') return fail('201');
        if (!state.initialized) return fail(v2004 ? (state.terminated ? '113' : '112') : '301');
        if (!v2004 && cmi['cmi.core.lesson_status'] === 'not attempted') cmi['cmi.core.lesson_status'] = 'completed';
        if (commitRefused()) return fail(v2004 ? '111' : '101');
        save();
        state.initialized = false;
        state.terminated = true;
        state.error = '0';
        return 'true';
      }

      function commit(param) {
        if (param !== '') return fail('201');
        if (!state.initialized) return fail(v2004 ? (state.terminated ? '143' : '142') : '301');
        if (commitRefused()) return fail(v2004 ? '391' : '101');
        save();
        state.error = '0';
        return 'true';
      }

      function getValue(element) {
        if (!state.initialized) return fail(v2004 ? (state.terminated ? '123' : '122') : '301', '');
        if (/\.interactions\._count$/.test(element)) return ok(count('cmi.interactions.'));
        if (/\.objectives\._count$/.test(element)) return ok(count('cmi.objectives.'));
        if ((v2004 ? WRITE_ONLY_2004 : WRITE_ONLY_12).test(element)) return fail(v2004 ? '405' : '404', '');
        if (!(element in cmi)) return v2004 ? fail('403', '') : ok('');
        return ok(cmi[element]);
      }

      function setValue(element, value) {
        if (!state.initialized) return fail(v2004 ? (state.terminated ? '133' : '132') : '301');
        value = String(value);
        if ((v2004 ? READ_ONLY_2004 : READ_ONLY_12).test(element)) return fail(v2004 ? '404' : '403');
        if (!/^cmi\./.test(element)) return fail(v2004 ? '401' : '201');
        if (!v2004 && element === 'cmi.core.lesson_status' && STATUS_12.indexOf(value) < 0) return fail('405');
        if (element === 'cmi.suspend_data' && value.length > (v2004 ? 64000 : 4096)) return fail(v2004 ? '407' : '405');
        if (/^cmi\.interactions\.\d+\./.test(element)) page.answersRecorded = true;
        cmi[element] = value;
        state.error = '0';
        return 'true';
      }

      function ok(value) {
        state.error = '0';
        return value;
      }
      function fail(code, value) {
        state.error = code;
        return value === undefined ? 'false' : value;
      }

      var text = { 0: 'No error', 101: 'General exception', 103: 'Already initialized', 104: 'Content instance terminated', 111: 'General termination failure', 391: 'General commit failure', 301: 'Not initialized', 403: 'Element is read only', 404: 'Element is write only', 405: 'Incorrect data type', 201: 'Invalid argument error' };
      function logged(name, fn) {
        return function (a, b) {
          var result;
          try {
            result = fn(a, b);
          } catch (err) {
            log(name, a, b, 'threw ' + err.message);
            throw err;
          }
          log(name, a, b, result);
          return result;
        };
      }
      var names = v2004
        ? ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic']
        : ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'];
      var fns = [
        initialize,
        terminate,
        getValue,
        setValue,
        commit,
        function () {
          return state.error;
        },
        function (code) {
          return text[code] || 'Unknown error';
        },
        function (code) {
          return code;
        },
      ];
      var api = { state: state, cmi: cmi };
      names.forEach(function (name, i) {
        api[name] = i < 5 ? logged(name, fns[i]) : fns[i];
      });
      return api;
    }

    function launch() {
      var old = doc.getElementById('sco');
      // Removing the frame unloads the SCO at once, inside this page's own event when it is the menu.
      if (old) old.remove();
      server.launches++;
      page.launches++;
      if (!page.api || !(v2004 && config.stickyTerminate)) page.api = newApi();
      win[v2004 ? 'API_1484_11' : 'API'] = page.api;
      var frame = doc.createElement('iframe');
      frame.id = 'sco';
      frame.title = 'Course';
      frame.src = config.launch;
      frame.style.width = '100%';
      frame.style.height = '900px';
      doc.getElementById('content').appendChild(frame);
    }

    doc.getElementById('toc-sco').addEventListener('click', function (e) {
      e.preventDefault();
      launch();
    });
    win.__lmsPlayer = {
      page: page,
      heal: function () {
        page.healed = true;
      },
    };
    launch();
  }

  global.LeapTestLms = { site: site, player: player };
})(window);
