// The few web-platform globals that both of shared code's runtimes (Node and Chromium, the app's
// renderer and an LMS's browser) provide, declared for the shared type project alone
// (tsconfig.shared.json: no DOM, no Node types). Add one here only if every runtime has it.

/** WHATWG URL, as in Node (global since 10) and every browser. */
declare class URL {
  constructor(url: string, base?: string | URL);
  static canParse(url: string, base?: string | URL): boolean;
  href: string;
  readonly origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
  toString(): string;
}
