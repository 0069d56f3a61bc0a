#!/usr/bin/env node
// Self-check ../fixtures/minted.json (or argv[2]) against the REAL pinned libraries:
//  - valid:   the library decode for `format` (with secrets[secret_index-1], salt ?? cookie) opens the
//             token, the claims match `claims`, exp is ~10 years after generated_at; and no earlier
//             secret in `secrets` opens it (so secret_index is the first that works)
//  - expired: the same decode fails with ERR_JWT_EXPIRED, and decoding with the clock frozen at
//             generated_at-3700 succeeds with the minted claims
//  - invalid: the decoder a server of that kind would use (by lib + cookie name) rejects it; for
//             information, lists any other derivation that would open it
//  - malformed: no decoder in any format opens it
//  - cookieHeader: `token` equals what the library's SessionStore reassembles from the header
// Prints "N passed, M failed" and exits non-zero on failure.
import fs from "node:fs";
import path from "node:path";
import { interopDir, decodeWith, reassemble, withClock, FORMATS } from "./lib/libs.mjs";

const file = path.resolve(process.argv[2] ?? path.join(interopDir, "..", "fixtures", "minted.json"));
const data = JSON.parse(fs.readFileSync(file, "utf8"));
const TEN_YEARS = 315360000;
const BIG_MAX_AGE = TEN_YEARS + 86400 * 400; // v3 decode enforces maxTokenAge (iat age) = maxAge

// silence the v3 library's "auto generated key" warnings
const origWarn = console.warn;
console.warn = () => {};

let passed = 0;
let failed = 0;
const info = [];
function ok(c) {
  passed++;
}
function fail(c, msg) {
  failed++;
  console.log(`FAIL ${c.id}: ${msg}`);
}

const stripAdded = (p) => {
  const { iat, exp, jti, ...rest } = p;
  return rest;
};
const canonical = (v) => JSON.stringify(v, (k, val) => (val && typeof val === "object" && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : val));

async function tryDecode(format, token, secrets, salt, cookie) {
  try {
    const payload = await decodeWith(format, { token, secrets, salt, cookie, maxAge: BIG_MAX_AGE });
    if (payload === null || payload === undefined) return { ok: false, err: "null" };
    return { ok: true, payload };
  } catch (e) {
    return { ok: false, err: e?.code ?? e?.name ?? String(e), message: e?.message, exp: e?.payload?.exp };
  }
}

/** Every (format, secret index, salt) that opens the token. */
async function openers(c) {
  const salts = [...new Set([c.salt, c.cookie, "authjs.session-token", "__Secure-authjs.session-token", "next-auth.session-token"].filter((x) => x !== undefined))];
  const found = [];
  for (const format of FORMATS) {
    for (let i = 0; i < c.secrets.length; i++) {
      for (const salt of format === "v4-salted" || format.startsWith("v5") || format === "authjs-0.22" ? salts : [undefined]) {
        const r = await tryDecode(format, c.token, [c.secrets[i]], salt, c.cookie);
        if (r.ok) found.push(`${format}#${i + 1}${salt !== undefined ? `@${salt}` : ""}`);
      }
    }
  }
  return found;
}

/** What a server of this kind does with the token under this cookie name. */
function serverFormat(c) {
  // an Auth.js server reads authjs.* (or custom) cookies; next-auth v3/v4 read next-auth.*
  if (c.cookie.includes("authjs")) return "v5";
  if (c.lib === "v3") return c.token.split(".").length === 5 ? "v3-encrypted" : "v3";
  if (c.lib === "v4") return c.salt ? "v4-salted" : "v4";
  if (c.lib === "v5") {
    // @auth/core <= 0.18.0 used next-auth.session-token with its own unsalted KDF; later v5 tokens under
    // that name meet a v4 server
    let kid;
    try { kid = JSON.parse(Buffer.from(c.token.split(".")[0], "base64url")).kid; } catch {}
    return kid === undefined ? "authjs-0.18" : "v4";
  }
  return null;
}

const defaultFormat = (c) =>
  c.lib === "v3" ? (c.token.split(".").length === 5 ? "v3-encrypted" : "v3") : c.lib === "v4" ? (c.salt ? "v4-salted" : "v4") : "v5";

for (const c of data.cases) {
  // the shared vectors carry no `format`: fall back to the library's own format
  if ((c.expect === "valid" || c.expect === "expired") && c.format === undefined) c.format = defaultFormat(c);
  try {
    if (c.cookieHeader !== undefined) {
      const re = reassemble(c.lib === "v5" ? "v5" : "v4", c.cookie, c.cookieHeader);
      if (re !== c.token) {
        fail(c, "token differs from SessionStore reassembly of cookieHeader");
        continue;
      }
      if (c.chunkCount !== undefined) {
        const n = c.cookieHeader.split(/;\s*/).filter((kv) => new RegExp(`^${c.cookie.replace(/[.]/g, "\\.")}\\.\\d+=`).test(kv)).length;
        if (c.expect === "valid" && n !== c.chunkCount) {
          fail(c, `chunkCount ${c.chunkCount} but header has ${n} chunks`);
          continue;
        }
      }
    }
    if (c.expect === "valid") {
      const idx = c.secret_index ?? 1;
      const secrets = c.format.startsWith("v5") ? c.secrets : [c.secrets[idx - 1]];
      const r = await tryDecode(c.format, c.token, secrets, c.salt, c.cookie);
      if (!r.ok) { fail(c, `real ${c.format} decode failed: ${r.err} ${r.message ?? ""}`); continue; }
      if (canonical(stripAdded(r.payload)) !== canonical(c.claims)) { fail(c, `claims differ: ${JSON.stringify(stripAdded(r.payload))}`); continue; }
      if (Math.abs(r.payload.exp - (data.generated_at + TEN_YEARS)) > 60) { fail(c, `exp ${r.payload.exp} not ~generated_at+10y`); continue; }
      if (typeof r.payload.iat !== "number") { fail(c, "no iat"); continue; }
      // earlier secrets must not open it (so secret_index is the first that works)
      let earlier = false;
      for (let i = 0; i < idx - 1; i++) if ((await tryDecode(c.format, c.token, [c.secrets[i]], c.salt, c.cookie)).ok) earlier = true;
      if (earlier) { fail(c, "an earlier secret also opens it"); continue; }
      ok(c);
    } else if (c.expect === "expired") {
      const secrets = c.format.startsWith("v5") ? c.secrets : [c.secrets[(c.secret_index ?? 1) - 1]];
      const r = await tryDecode(c.format, c.token, secrets, c.salt, c.cookie);
      if (r.ok) { fail(c, "expired token decoded successfully"); continue; }
      if (r.err !== "ERR_JWT_EXPIRED") { fail(c, `expected ERR_JWT_EXPIRED, got ${r.err} ${r.message ?? ""}`); continue; }
      // minted.json: clock frozen at generated_at-7200, maxAge 3600. Other files (e.g. the shared vectors,
      // minted with a negative maxAge) : fall back to just before the exp that jose reports in its error.
      let past = await withClock((data.generated_at - 3700) * 1000, () => tryDecode(c.format, c.token, secrets, c.salt, c.cookie));
      const fallbacks = [...(r.exp !== undefined ? [r.exp - 60] : []), ...Array.from({ length: 60 }, (_, k) => data.generated_at - (k + 1) * 86400)];
      for (const t of fallbacks) {
        if (past.ok) break;
        past = await withClock(t * 1000, () => tryDecode(c.format, c.token, secrets, c.salt, c.cookie));
      }
      if (!past.ok) { fail(c, `does not decode even before exp: ${past.err}`); continue; }
      if (canonical(stripAdded(past.payload)) !== canonical(c.claims)) { fail(c, "claims differ"); continue; }
      if (!(past.payload.exp < data.generated_at)) { fail(c, "exp not in the past"); continue; }
      ok(c);
    } else if (c.expect === "invalid") {
      const sf = serverFormat(c);
      if (sf) {
        const secrets = sf.startsWith("v5") ? c.secrets : null;
        let opened = false;
        if (secrets) opened = (await tryDecode(sf, c.token, secrets, c.salt, c.cookie)).ok;
        else for (const s of c.secrets) if ((await tryDecode(sf, c.token, [s], c.salt, c.cookie)).ok) opened = true;
        if (opened) { fail(c, `the ${sf} decoder a server would use opens it`); continue; }
      }
      const o = await openers(c);
      if (o.length) info.push(`${c.id}: would open with ${o.join(", ")}`);
      ok(c);
    } else if (c.expect === "malformed") {
      const o = await openers(c);
      if (o.length) { fail(c, `malformed token opens with ${o.join(", ")}`); continue; }
      ok(c);
    } else {
      fail(c, `unknown expect ${c.expect}`);
    }
  } catch (e) {
    fail(c, `exception ${e?.stack ?? e}`);
  }
}

console.warn = origWarn;
for (const line of info) console.log(`info: ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
