// Starts Learning Locker's statements service (npm xapi-statements, GPL-3.0, test-only) bound to
// 127.0.0.1. Its own listen() binds every interface, so listen is wrapped before the service loads;
// the port it got is printed as "LRS_READY <port>" for the harness (tests/helpers/lrs/index.ts).
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node itself as the LRS child process */
'use strict';
const http = require('node:http');

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnLoopback(port, ...rest) {
  const done = rest.find((a) => typeof a === 'function');
  this.once('listening', () => process.stdout.write(`LRS_READY ${this.address().port}\n`));
  return listen.call(this, Number(port), '127.0.0.1', done);
};

require('xapi-statements/dist/server.js');
