// Shared loader for the real, pinned NextAuth.js / Auth.js libraries (see ../package.json).
// Everything here is the published library code; the only hand-written crypto lives in
// mint-fixtures.mjs for deliberately non-library (adversarial / A256GCM+kid) tokens.
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
export const interopDir = path.resolve(here, "..");
const nm = path.join(interopDir, "node_modules");
const require = createRequire(path.join(interopDir, "package.json"));

// next-auth 3.29.10 (npm alias next-auth-v3): CJS, `jwt.js` re-exports dist/lib/jwt default.
export const v3 = require("next-auth-v3/jwt"); // { encode, decode, getToken }
// next-auth 4.24.15
export const v4 = require("next-auth/jwt"); // { encode, decode, getToken }
// @auth/core 0.41.3 (v5)
export const v5 = await import("@auth/core/jwt"); // { encode, decode, getToken }
// @auth/core 0.22.0: A256GCM, salt = cookie name, 32-byte key, no kid
export const core022 = await import("auth-core-0-22/jwt");
// @auth/core 0.18.0: A256GCM, empty salt, info "Auth.js Generated Encryption Key", 32 bytes, no kid
export const core018 = await import("auth-core-0-18-0/jwt");

// Internal SessionStore classes (not in the packages' "exports" maps, so load by file path).
export const v4SessionStore = require(path.join(nm, "next-auth/core/lib/cookie.js")).SessionStore;
export const v5SessionStore = (await import(pathToFileURL(path.join(nm, "@auth/core/lib/utils/cookie.js")).href)).SessionStore;
const vendoredCookie = await import(pathToFileURL(path.join(nm, "@auth/core/lib/vendored/cookie.js")).href);
/** Cookie header parser used by @auth/core 0.41.3 (getToken / SessionStore input). */
export const parseCookieHeader = (h) => vendoredCookie.parse(h ?? "");

const quietLogger = { debug() {}, warn() {}, error() {} };

/**
 * Reassemble the session token from a Cookie header exactly like the library does.
 * lib "v5": @auth/core SessionStore (skips empty values); otherwise next-auth v4 SessionStore.
 */
export function reassemble(lib, cookieName, cookieHeader) {
  const cookies = parseCookieHeader(cookieHeader);
  if (lib === "v5") return new v5SessionStore({ name: cookieName, options: {} }, cookies, quietLogger).value;
  return new v4SessionStore({ name: cookieName, options: {} }, { cookies, headers: {} }, quietLogger).value;
}

/** Split a token into cookies exactly like SessionStore.chunk (v4: 3933 chars, v5: 3936). */
export function chunkCookies(lib, cookieName, token) {
  const Store = lib === "v5" ? v5SessionStore : v4SessionStore;
  const store = lib === "v5"
    ? new Store({ name: cookieName, options: {} }, {}, quietLogger)
    : new Store({ name: cookieName, options: {} }, { cookies: {}, headers: {} }, quietLogger);
  return store.chunk(token, {}).map((c) => ({ name: c.name, value: c.value }));
}

/**
 * Run fn with the global clock frozen at epochMs (Date.now() and `new Date()`), so the real
 * libraries compute iat/exp from that instant. Used to mint already-expired tokens.
 */
export async function withClock(epochMs, fn) {
  const RealDate = globalThis.Date;
  class FrozenDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(epochMs);
      else super(...args);
    }
    static now() {
      return epochMs;
    }
  }
  globalThis.Date = FrozenDate;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

/**
 * Decode with the real library for a given format. Returns the payload or throws the library's error.
 * secrets: array (v5 gets the whole array, as Auth.js does; other formats get secrets[0]).
 */
export async function decodeWith(format, { token, secrets, salt, cookie, maxAge }) {
  const secret = secrets[0];
  switch (format) {
    case "v3":
      return await v3.decode({ token, secret, maxAge });
    case "v3-encrypted":
      return await v3.decode({ token, secret, maxAge, encryption: true });
    case "v4":
      return await v4.decode({ token, secret });
    case "v4-salted":
      return await v4.decode({ token, secret, salt });
    case "v5":
    case "v5-a256gcm":
      return await v5.decode({ token, secret: secrets, salt: salt ?? cookie });
    case "authjs-0.22":
      return await core022.decode({ token, secret, salt: salt ?? cookie });
    case "authjs-0.18":
      return await core018.decode({ token, secret });
    default:
      throw new Error(`unknown format ${format}`);
  }
}

export const FORMATS = ["v3", "v3-encrypted", "v4", "v4-salted", "v5", "v5-a256gcm", "authjs-0.22", "authjs-0.18"];
