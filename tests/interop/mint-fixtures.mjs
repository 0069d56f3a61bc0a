#!/usr/bin/env node
// Mint ../fixtures/minted.json with the REAL pinned libraries (see package.json):
//   next-auth 3.29.10 (alias next-auth-v3), next-auth 4.24.15, @auth/core 0.41.3,
//   @auth/core 0.22.0 (alias auth-core-0-22), @auth/core 0.18.0 (alias auth-core-0-18-0).
// Claims and secrets come from a deterministic PRNG seeded with SEED, so re-running gives the
// same claims/secrets; ciphertexts, IVs, jti and iat/exp differ on every run.
//
// Usage: node mint-fixtures.mjs [output-path]   (default ../fixtures/minted.json)
// Also copies /work/shared/vectors/nextauth-tokens.json (or $SHARED_VECTORS) byte-exactly to
// ../fixtures/shared-vectors.json when that file exists.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { EncryptJWT, SignJWT, base64url, calculateJwkThumbprint } from "jose";
import {
  interopDir, v3, v4, v5, core022, core018, withClock, chunkCookies, reassemble,
} from "./lib/libs.mjs";

const SEED = "interop-b7";
const TEN_YEARS = 10 * 365 * 24 * 60 * 60; // 315360000 s, same as the shared vectors
const EXPIRED_AGE = 7200; // expired tokens: iat = generated_at - 7200, exp = iat + 3600
const EXPIRED_MAX_AGE = 3600;
const generatedAt = Math.floor(Date.now() / 1000);

const fixturesDir = path.resolve(interopDir, "..", "fixtures");
const outPath = path.resolve(process.argv[2] ?? path.join(fixturesDir, "minted.json"));

// ---------------------------------------------------------------- deterministic PRNG
function fnv1a(str) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(str, "utf8")) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(fnv1a(SEED));
const randInt = (n) => Math.floor(rand() * n);
const pick = (arr) => arr[randInt(arr.length)];
const randBytes = (n) => Buffer.from(Array.from({ length: n }, () => randInt(256)));
const randB64url = (nBytes) => randBytes(nBytes).toString("base64url");

function uuidV4() {
  const b = randBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---------------------------------------------------------------- secrets and claims
let secretCounter = 0;
function mkSecret(style = pick(["b64", "hex", "words"])) {
  const n = secretCounter++;
  switch (style) {
    case "b64": // like `openssl rand -base64 32` / `npx auth secret`
      return randBytes(32).toString("base64");
    case "hex": // like `openssl rand -hex 32`
      return randBytes(32).toString("hex");
    case "unicode":
      return `sécrét-🔑-${n}-${randB64url(9)}-Ωμέγα`;
    case "spaces":
      return `correct horse battery staple ${n} ${randB64url(6)}`;
    case "short":
      return `pw${n}`;
    default:
      return `${SEED}-secret-${n}-${randB64url(12)}`;
  }
}

const FIRST = ["Zoë", "Łukasz", "Ana María", "José", "Søren", "Ærin", "Дмитрий", "李", "أحمد", "Chloé", "Renée", "Nguyễn"];
const LAST = ["Ångström", "O'Brien", "Müller-Lüdenscheidt", "小龙", "Đặng", "🦀 Ferris", "van der Berg", "Çelik", "Ñúñez"];
const TEAMS = ["Ünïcode & <co>", "R&D \"core\"", "Ops/Infra", "日本チーム", "Équipe ⚙️", "back\\slash"];
const ROLES = ["admin", "editor", "viewer", "billing", "owner"];
const LOCALES = ["de-DE", "ja-JP", "fr-CA", "ar-EG", "pt-BR", "uk-UA"];
const RATIOS = [0.5, 1.25, -3.75, 0, 100, 2.5e-3];

let claimCounter = 0;
function mkClaims(extra = {}) {
  const i = claimCounter++;
  const hex = randBytes(4).toString("hex");
  const claims = {
    name: `${pick(FIRST)} ${pick(LAST)}`,
    email: `user${i}.${hex}@example.org`,
    picture: rand() < 0.5 ? null : `https://avatars.example.org/u/${hex}.png?s=64&v=${i}`,
    sub: `${SEED}-${i}`,
    role: pick(ROLES),
    teams: Array.from({ length: 1 + randInt(3) }, () => ({ id: randInt(100000), name: pick(TEAMS) })),
    prefs: { locale: pick(LOCALES), beta: rand() < 0.5, ratio: pick(RATIOS) },
  };
  return { ...claims, ...extra };
}
const UNICODE_EXTRA = {
  bio: "Grüße aus Köln 🇩🇪 — 東京 — עִברִית — مرحبا — e\u0301 (combining) — 👩🏽‍💻 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
};
const ESCAPES_EXTRA = {
  bio: "quote \" backslash \\ slash / newline \n tab \t cr \r bell \u0007 ctrl \u0001 sep \u2028\u2029 </script>",
  big: 9007199254740991,
  neg: -42,
  empty: { list: [], obj: {}, str: "" },
};

// big claims for chunking tests: ~6.3 KB of JSON -> ~8.5 KB token -> 3 chunks
function mkBigClaims() {
  const permissions = [];
  for (let i = 0; i < 240; i++) permissions.push(`org:${randInt(1000)}:repo:${randB64url(6)}:${pick(["read", "write", "admin"])}`);
  return mkClaims({ permissions });
}

// ---------------------------------------------------------------- minting with the real libraries
const pastMs = (generatedAt - EXPIRED_AGE) * 1000;

async function mintV3(claims, secret, { encryption = false, expired = false } = {}) {
  if (expired) return withClock(pastMs, () => v3.encode({ token: claims, secret, maxAge: EXPIRED_MAX_AGE, encryption }));
  return v3.encode({ token: claims, secret, maxAge: TEN_YEARS, encryption });
}
async function mintV4(claims, secret, { salt, expired = false } = {}) {
  const params = { token: claims, secret, ...(salt !== undefined ? { salt } : {}) };
  if (expired) return withClock(pastMs, () => v4.encode({ ...params, maxAge: EXPIRED_MAX_AGE }));
  return v4.encode({ ...params, maxAge: TEN_YEARS });
}
async function mintV5(claims, secret, salt, { expired = false } = {}) {
  const params = { token: claims, secret, salt };
  if (expired) return withClock(pastMs, () => v5.encode({ ...params, maxAge: EXPIRED_MAX_AGE }));
  return v5.encode({ ...params, maxAge: TEN_YEARS });
}
async function mint022(claims, secret, salt, { expired = false } = {}) {
  const params = { token: claims, secret, salt };
  if (expired) return withClock(pastMs, () => core022.encode({ ...params, maxAge: EXPIRED_MAX_AGE }));
  return core022.encode({ ...params, maxAge: TEN_YEARS });
}
async function mint018(claims, secret) {
  return core018.encode({ token: claims, secret, maxAge: TEN_YEARS });
}

// Derivations re-implemented only for tokens no library encode can produce (adversarial / kid+A256GCM).
const hkdf = (secret, salt, info, len) => Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(salt, "utf8"), info, len));
const v3SigningKey = (secret) => hkdf(secret, "", "NextAuth.js Generated Signing Key", 64);
const v4Key = (secret) => hkdf(secret, "", "NextAuth.js Generated Encryption Key", 32);
const v5Key = (secret, salt, len) => hkdf(secret, salt, `Auth.js Generated Encryption Key (${salt})`, len);

// v5 with enc A256GCM *and* a kid: @auth/core 0.41.3 decode accepts it (32-byte key, kid = RFC 7638
// thumbprint with SHA-256), but its encode always writes A256CBC-HS512. Minted exactly like
// @auth/core's encode with only `enc` swapped, and checked with the real decode by verify-fixtures.
async function mintV5Gcm(claims, secret, salt) {
  const key = v5Key(secret, salt, 32);
  const kid = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha256");
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + TEN_YEARS)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

// ---------------------------------------------------------------- helpers
const b64json = (obj) => Buffer.from(typeof obj === "string" ? obj : JSON.stringify(obj), "utf8").toString("base64url");
function flipChar(s, idx) {
  const c = s[idx];
  return s.slice(0, idx) + (c === "A" ? "B" : "A") + s.slice(idx + 1);
}
/** Flip a character in the middle of part `partIdx` (never the last char, whose low bits may be padding). */
function tamperPart(token, partIdx) {
  const parts = token.split(".");
  const p = parts[partIdx];
  parts[partIdx] = flipChar(p, Math.floor(p.length / 2));
  return parts.join(".");
}
function decodePayloadUnverified(token) {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}
function permute(arr, order) {
  return order.map((i) => arr[i]);
}
const csrfCookie = (prefix) => `${prefix}.csrf-token=${randBytes(32).toString("hex")}%7C${randBytes(32).toString("hex")}`;

// ---------------------------------------------------------------- cases
const cases = [];
function add(c) {
  const ordered = {};
  for (const k of ["id", "lib", "token", "cookieHeader", "chunkCount", "secrets", "cookie", "salt", "expect", "format", "secret_index", "hint", "claims", "note"]) {
    if (c[k] !== undefined) ordered[k] = c[k];
  }
  for (const k of Object.keys(c)) if (!(k in ordered)) throw new Error(`unknown key ${k} in ${c.id}`);
  if (cases.some((x) => x.id === c.id)) throw new Error(`duplicate id ${c.id}`);
  cases.push(ordered);
}
const NA = "next-auth.session-token";
const NA_SECURE = "__Secure-next-auth.session-token";
const AJ = "authjs.session-token";
const AJ_SECURE = "__Secure-authjs.session-token";

// ---- v3 (next-auth 3.29.10): HS512 JWS; optional nested JWE (dir/A256GCM/zip DEF)
{
  const s0 = mkSecret("b64"), c0 = mkClaims(UNICODE_EXTRA);
  add({ id: "v3-valid-0", lib: "v3", token: await mintV3(c0, s0), secrets: [s0], cookie: NA, expect: "valid", format: "v3", secret_index: 1, claims: c0,
    note: "v3 default JWS (HS512) with unicode claims, base64 secret" });
  const s1 = mkSecret("hex"), c1 = mkClaims(ESCAPES_EXTRA);
  add({ id: "v3-valid-1", lib: "v3", token: await mintV3(c1, s1), secrets: [s1], cookie: NA, expect: "valid", format: "v3", secret_index: 1, claims: c1,
    note: "v3 JWS with JSON escapes, control chars, U+2028, 2^53-1 and empty containers in claims" });
  const s2 = mkSecret("unicode"), c2 = mkClaims();
  add({ id: "v3-valid-2", lib: "v3", token: await mintV3(c2, s2), secrets: [s2], cookie: NA_SECURE, expect: "valid", format: "v3", secret_index: 1, claims: c2,
    note: "v3 JWS with a non-ASCII secret (HKDF over its UTF-8 bytes), arriving under the __Secure- name (v3 has no salt)" });
  const s3 = mkSecret(), c3 = mkClaims();
  add({ id: "v3-valid-second-secret", lib: "v3", token: await mintV3(c3, s3), secrets: [mkSecret(), s3], cookie: NA, expect: "valid", format: "v3", secret_index: 2, claims: c3,
    note: "v3 JWS; the inspector is given two --secret values and the second one verifies it" });
  const se = mkSecret(), ce = mkClaims();
  add({ id: "v3-expired", lib: "v3", token: await mintV3(ce, se, { expired: true }), secrets: [se], cookie: NA, expect: "expired", format: "v3", secret_index: 1, claims: ce,
    note: "v3 JWS minted with the clock frozen at generated_at-7200 and maxAge 3600: exp = generated_at-3600" });
  const sw = mkSecret(), cw = mkClaims();
  add({ id: "v3-wrong-secret", lib: "v3", token: await mintV3(cw, sw), secrets: [mkSecret()], cookie: NA, expect: "invalid",
    note: "v3 JWS, verified with an unrelated secret -> signature mismatch" });
  const st = mkSecret(), ct = mkClaims();
  add({ id: "v3-tampered-signature", lib: "v3", token: tamperPart(await mintV3(ct, st), 2), secrets: [st], cookie: NA, expect: "invalid",
    note: "v3 JWS with one signature character changed (middle of the signature, so real bits change)" });
  const sp = mkSecret(), cp = mkClaims({ role: "viewer" });
  {
    const tok = await mintV3(cp, sp);
    const [h, , sig] = tok.split(".");
    const forged = { ...decodePayloadUnverified(tok), role: "admin" };
    add({ id: "v3-tampered-payload", lib: "v3", token: `${h}.${b64json(forged)}.${sig}`, secrets: [sp], cookie: NA, expect: "invalid",
      note: "v3 JWS whose payload was re-encoded with role viewer->admin, original signature kept (privilege-escalation attempt)" });
  }
  const sx = mkSecret(), cx = mkClaims(UNICODE_EXTRA);
  add({ id: "v3-encrypted-valid", lib: "v3", token: await mintV3(cx, sx, { encryption: true }), secrets: [sx], cookie: NA, expect: "valid", format: "v3-encrypted", secret_index: 1, claims: cx,
    note: "v3 with jwt.encryption: JWE dir/A256GCM zip DEF around the HS512 JWS" });
  const sxe = mkSecret(), cxe = mkClaims();
  add({ id: "v3-encrypted-expired", lib: "v3", token: await mintV3(cxe, sxe, { encryption: true, expired: true }), secrets: [sxe], cookie: NA, expect: "expired", format: "v3-encrypted", secret_index: 1, claims: cxe,
    note: "v3 encrypted, inner JWS exp = generated_at-3600 (clock frozen at generated_at-7200, maxAge 3600)" });
  const sxw = mkSecret(), cxw = mkClaims();
  add({ id: "v3-encrypted-wrong-secret", lib: "v3", token: await mintV3(cxw, sxw, { encryption: true }), secrets: [mkSecret()], cookie: NA, expect: "invalid",
    note: "v3 encrypted, decrypted with an unrelated secret -> decryption fails" });
}

// ---- v4 (next-auth 4.24.15): JWE dir/A256GCM, salt "" by default
let v4StaleToken;
{
  const s0 = mkSecret("b64"), c0 = mkClaims(UNICODE_EXTRA);
  add({ id: "v4-valid-0", lib: "v4", token: await mintV4(c0, s0), secrets: [s0], cookie: NA, expect: "valid", format: "v4", secret_index: 1, claims: c0,
    note: "v4 JWE with unicode claims" });
  const s1 = mkSecret("unicode"), c1 = mkClaims(ESCAPES_EXTRA);
  add({ id: "v4-valid-1", lib: "v4", token: await mintV4(c1, s1), secrets: [s1], cookie: NA, expect: "valid", format: "v4", secret_index: 1, claims: c1,
    note: "v4 JWE, non-ASCII secret, JSON escapes in claims" });
  const s2 = mkSecret("spaces"), c2 = mkClaims();
  add({ id: "v4-valid-2", lib: "v4", token: await mintV4(c2, s2), secrets: [s2], cookie: NA_SECURE, expect: "valid", format: "v4", secret_index: 1, claims: c2,
    note: "v4 JWE under __Secure-next-auth.session-token (v4 salt is \"\" whatever the cookie name); secret contains spaces" });
  const s3 = mkSecret("short"), c3 = mkClaims();
  v4StaleToken = await mintV4(c3, s3);
  add({ id: "v4-valid-short-secret", lib: "v4", token: v4StaleToken, secrets: [s3], cookie: NA, expect: "valid", format: "v4", secret_index: 1, claims: c3,
    note: "v4 JWE with a very short secret (HKDF accepts any non-empty secret)" });
  const s4 = mkSecret(), c4 = mkClaims();
  {
    const tok = await mintV4(c4, s4);
    const header = `${csrfCookie("next-auth")}; next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2Fdashboard; ${NA}=${tok}; theme=dark`;
    add({ id: "v4-cookie-header", lib: "v4", token: reassemble("v4", NA, header), cookieHeader: header, secrets: [s4], cookie: NA, expect: "valid", format: "v4", secret_index: 1, claims: c4,
      note: "v4 token read from a full browser Cookie header with csrf (%7C-encoded) and callback-url cookies around it" });
  }
  const s5 = mkSecret(), c5 = mkClaims();
  add({ id: "v4-second-secret", lib: "v4", token: await mintV4(c5, s5), secrets: [mkSecret(), s5], cookie: NA, expect: "valid", format: "v4", secret_index: 2, claims: c5,
    note: "v4 has no rotation of its own; the inspector tries each --secret in order and the second one opens it" });
  const se = mkSecret(), ce = mkClaims();
  add({ id: "v4-expired", lib: "v4", token: await mintV4(ce, se, { expired: true }), secrets: [se], cookie: NA, expect: "expired", format: "v4", secret_index: 1, claims: ce,
    note: "v4 minted with Date frozen at generated_at-7200 and maxAge 3600: iat = generated_at-7200, exp = generated_at-3600 (far beyond the 15 s tolerance)" });
  const sw = mkSecret(), cw = mkClaims();
  add({ id: "v4-wrong-secret", lib: "v4", token: await mintV4(cw, sw), secrets: [mkSecret()], cookie: NA, expect: "invalid",
    note: "v4 JWE, decrypted with an unrelated secret -> decryption operation failed" });
  const st = mkSecret(), ct = mkClaims();
  add({ id: "v4-tampered", lib: "v4", token: tamperPart(await mintV4(ct, st), 3), secrets: [st], cookie: NA, expect: "invalid",
    note: "v4 JWE with one ciphertext character changed -> GCM tag check fails" });
  const stt = mkSecret(), ctt = mkClaims();
  add({ id: "v4-tampered-tag", lib: "v4", token: tamperPart(await mintV4(ctt, stt), 4), secrets: [stt], cookie: NA, expect: "invalid",
    note: "v4 JWE with one authentication-tag character changed" });
  const ss = mkSecret(), cs = mkClaims();
  add({ id: "v4-salted", lib: "v4", token: await mintV4(cs, ss, { salt: "my-app-salt" }), secrets: [ss], cookie: NA, salt: "my-app-salt", expect: "valid", format: "v4-salted", secret_index: 1, claims: cs,
    note: "next-auth 4.24 encode({salt}) (since 4.24.5): HKDF salt 'my-app-salt', info 'NextAuth.js Generated Encryption Key (my-app-salt)'" });
  const sk = mkSecret(), ck = { value: randBytes(32).toString("base64url") };
  add({ id: "v4-salted-pkce-cookie", lib: "v4", token: await mintV4(ck, sk, { salt: "next-auth.pkce.code_verifier" }), secrets: [sk], cookie: "next-auth.pkce.code_verifier", salt: "next-auth.pkce.code_verifier", expect: "valid", format: "v4-salted", secret_index: 1, claims: ck,
    note: "shape of the v4 PKCE check cookie: {value: code_verifier} sealed with salt = its cookie name (core/lib/oauth/checks.ts); real ones live 15 min, this one 10 years" });
  const sn = mkSecret(), cn = mkClaims();
  add({ id: "v4-salted-without-salt", lib: "v4", token: await mintV4(cn, sn, { salt: "my-app-salt" }), secrets: [sn], cookie: NA, expect: "invalid",
    note: "v4 token sealed with salt 'my-app-salt' but no salt is given: the default v4 derivation (salt \"\") cannot open it" });

  // chunked: SessionStore.chunk (CHUNK_SIZE = 4096 - 163 = 3933), chunks listed out of order
  const sc = mkSecret(), cc = mkBigClaims();
  const big = await mintV4(cc, sc);
  const chunks = chunkCookies("v4", NA, big);
  if (chunks.length !== 3) throw new Error(`v4 chunked: expected 3 chunks, got ${chunks.length}`);
  const shuffled = permute(chunks, [1, 2, 0]);
  const hdr = [`_ga=GA1.1.${randInt(1e9)}.${generatedAt}`, `${shuffled[0].name}=${shuffled[0].value}`, csrfCookie("next-auth"), `${shuffled[1].name}=${shuffled[1].value}`, `${shuffled[2].name}=${shuffled[2].value}`].join("; ");
  const re = reassemble("v4", NA, hdr);
  if (re !== big) throw new Error("v4 chunk reassembly mismatch");
  add({ id: "v4-chunked", lib: "v4", token: re, cookieHeader: hdr, chunkCount: 3, secrets: [sc], cookie: NA, expect: "valid", format: "v4", secret_index: 1, claims: cc,
    note: `v4 token of ${big.length} chars split by next-auth's SessionStore (3933-char chunks: ${chunks.map((c) => c.value.length).join("+")}), header lists .1 .2 .0 with other cookies between; reassemble by numeric suffix` });
  const sm = mkSecret(), cm = mkBigClaims();
  const big2 = await mintV4(cm, sm);
  const ch2 = chunkCookies("v4", NA, big2);
  const hdr2 = [`${ch2[2].name}=${ch2[2].value}`, `${ch2[0].name}=${ch2[0].value}`].join("; ");
  add({ id: "v4-chunked-missing-chunk", lib: "v4", token: reassemble("v4", NA, hdr2), cookieHeader: hdr2, chunkCount: 3, secrets: [sm], cookie: NA, expect: "invalid",
    note: "v4 chunked token with .1 missing (only .2 and .0 sent): the reassembled value cannot be decrypted; `token` is what SessionStore reassembles" });
  const sst = mkSecret(), cst = mkBigClaims();
  const big3 = await mintV4(cst, sst);
  const ch3 = chunkCookies("v4", NA, big3);
  const staleTok = await mintV4(mkClaims(), sst);
  const hdr3 = [`${NA}=${staleTok}`, ...ch3.map((c) => `${c.name}=${c.value}`)].join("; ");
  add({ id: "v4-chunked-stale-plain-cookie", lib: "v4", token: reassemble("v4", NA, hdr3), cookieHeader: hdr3, chunkCount: 3, secrets: [sst], cookie: NA, expect: "invalid",
    note: "a stale unchunked next-auth.session-token coexists with .0 .1 .2 chunks: SessionStore takes every cookie starting with the name (plain one sorts as NaN) and the joined value is garbage; `token` is that joined value" });

  const sa = mkSecret(), ca = mkClaims();
  add({ id: "v4-under-authjs-cookie", lib: "v4", token: await mintV4(ca, sa), secrets: [sa], cookie: AJ, expect: "invalid", hint: "v4",
    note: "a v4 token (no kid, A256GCM, v4 KDF) arriving as authjs.session-token (v4->v5 upgrade): an Auth.js server cannot open it; hint should say it is a v4 token" });
}

// ---- v5 (@auth/core 0.41.3): JWE dir/A256CBC-HS512 with kid, salt = cookie name
{
  const s0 = mkSecret("b64"), c0 = mkClaims(UNICODE_EXTRA);
  add({ id: "v5-valid-authjs", lib: "v5", token: await mintV5(c0, s0, AJ), secrets: [s0], cookie: AJ, expect: "valid", format: "v5", secret_index: 1, claims: c0,
    note: "v5 token sealed for authjs.session-token" });
  const s1 = mkSecret("unicode"), c1 = mkClaims(ESCAPES_EXTRA);
  add({ id: "v5-valid-secure", lib: "v5", token: await mintV5(c1, s1, AJ_SECURE), secrets: [s1], cookie: AJ_SECURE, expect: "valid", format: "v5", secret_index: 1, claims: c1,
    note: "v5 token sealed for __Secure-authjs.session-token (salt includes the prefix); non-ASCII secret" });
  const s2 = mkSecret(), c2 = mkClaims();
  add({ id: "v5-custom-cookie-name", lib: "v5", token: await mintV5(c2, s2, "myapp.session"), secrets: [s2], cookie: "myapp.session", expect: "valid", format: "v5", secret_index: 1, claims: c2,
    note: "v5 with cookies.sessionToken.name = 'myapp.session': the custom name is the HKDF salt" });
  const s3 = mkSecret(), c3 = mkClaims();
  add({ id: "v5-explicit-salt", lib: "v5", token: await mintV5(c3, s3, "custom-salt"), secrets: [s3], cookie: AJ, salt: "custom-salt", expect: "valid", format: "v5", secret_index: 1, claims: c3,
    note: "v5 encode({salt: 'custom-salt'}) (e.g. an app sealing its own tokens), cookie name differs from the salt: pass the salt explicitly" });
  {
    const s4 = mkSecret(), c4 = mkClaims();
    const tok = await mintV5(c4, s4, AJ);
    const header = `${csrfCookie("authjs")}; authjs.callback-url=http%3A%2F%2Flocalhost%3A3000; ${AJ}=${tok}`;
    add({ id: "v5-cookie-header", lib: "v5", token: reassemble("v5", AJ, header), cookieHeader: header, secrets: [s4], cookie: AJ, expect: "valid", format: "v5", secret_index: 1, claims: c4,
      note: "v5 token read from a full Cookie header with csrf and callback-url cookies" });
  }
  const se = mkSecret(), ce = mkClaims();
  add({ id: "v5-expired", lib: "v5", token: await mintV5(ce, se, AJ, { expired: true }), secrets: [se], cookie: AJ, expect: "expired", format: "v5", secret_index: 1, claims: ce,
    note: "v5 minted with Date frozen at generated_at-7200 and maxAge 3600: exp = generated_at-3600" });
  const sw = mkSecret(), cw = mkClaims();
  add({ id: "v5-wrong-secret", lib: "v5", token: await mintV5(cw, sw, AJ), secrets: [mkSecret()], cookie: AJ, expect: "invalid",
    note: "v5 token given one unrelated secret: kid matches nothing (Auth.js: 'no matching decryption secret')" });
  const st = mkSecret(), ct = mkClaims();
  add({ id: "v5-tampered", lib: "v5", token: tamperPart(await mintV5(ct, st, AJ), 3), secrets: [st], cookie: AJ, expect: "invalid",
    note: "v5 token with one ciphertext character changed -> HMAC-SHA-512 tag check fails" });
  // rotation: encode with A; secrets [B, C, A, D]
  const A = mkSecret("b64"), B = mkSecret("b64"), C = mkSecret("hex"), D = mkSecret();
  const cr = mkClaims();
  add({ id: "v5-rotation", lib: "v5", token: await mintV5(cr, A, AJ), secrets: [B, C, A, D], cookie: AJ, expect: "valid", format: "v5", secret_index: 3, claims: cr,
    note: "rotation: sealed with secret A, inspector given [B, C, A, D]; kid selects A (3rd)" });
  const cr1 = mkClaims();
  add({ id: "v5-rotation-current", lib: "v5", token: await mintV5(cr1, [B, A], AJ), secrets: [B, A, C], cookie: AJ, expect: "valid", format: "v5", secret_index: 1, claims: cr1,
    note: "rotation: encode({secret: [B, A]}) seals with secrets[0] = B; given [B, A, C] it opens with the 1st" });
  const ck = mkClaims();
  add({ id: "v5-kid-no-match", lib: "v5", token: await mintV5(ck, A, AJ), secrets: [B, C, D, mkSecret()], cookie: AJ, expect: "invalid",
    note: "sealed with A; 4 secrets given, none matches the kid -> 'no matching decryption secret'" });
  // cookie-name / salt mismatches
  const sm = mkSecret(), cm = mkClaims();
  add({ id: "v5-sealed-plain-arrives-secure", lib: "v5", token: await mintV5(cm, sm, AJ), secrets: [sm], cookie: AJ_SECURE, expect: "invalid", hint: "authjs.session-token",
    note: "sealed with salt authjs.session-token but arriving as __Secure-authjs.session-token (http dev server vs https prod / proxy): salt mismatch; hint should name the salt that works" });
  const sm2 = mkSecret(), cm2 = mkClaims();
  add({ id: "v5-sealed-secure-arrives-plain", lib: "v5", token: await mintV5(cm2, sm2, AJ_SECURE), secrets: [sm2], cookie: AJ, expect: "invalid", hint: "__Secure-authjs.session-token",
    note: "sealed with salt __Secure-authjs.session-token but arriving as authjs.session-token (e.g. getToken without secureCookie): salt mismatch" });
  const sn = mkSecret(), cn = mkClaims();
  add({ id: "v5-under-next-auth-cookie", lib: "v5", token: await mintV5(cn, sn, AJ), secrets: [sn], cookie: NA, expect: "invalid", hint: "authjs",
    note: "a v5 token (sealed for authjs.session-token) arriving as next-auth.session-token: v4 server / salt mismatch; hint should mention authjs" });
  // A256GCM with kid (accepted by @auth/core 0.41.3 decode)
  const sg = mkSecret(), cg = mkClaims();
  add({ id: "v5-a256gcm", lib: "v5", token: await mintV5Gcm(cg, sg, AJ), secrets: [sg], cookie: AJ, expect: "valid", format: "v5-a256gcm", secret_index: 1, claims: cg,
    note: "v5 enc A256GCM with kid (32-byte key, SHA-256 thumbprint). @auth/core 0.41.3 encode cannot choose enc, so this one is minted with jose + the same HKDF; the real 0.41.3 decode opens it (verify-fixtures)" });
  const cg2 = mkClaims();
  add({ id: "v5-a256gcm-rotation", lib: "v5", token: await mintV5Gcm(cg2, A, AJ_SECURE), secrets: [B, A], cookie: AJ_SECURE, expect: "valid", format: "v5-a256gcm", secret_index: 2, claims: cg2,
    note: "v5 A256GCM with kid under __Secure- salt; second secret matches the SHA-256 thumbprint kid" });
  // chunked (CHUNK_SIZE = 4096 - 160 = 3936)
  const sc = mkSecret(), cc = mkBigClaims();
  const big = await mintV5(cc, sc, AJ);
  const chunks = chunkCookies("v5", AJ, big);
  if (chunks.length !== 3) throw new Error(`v5 chunked: expected 3 chunks, got ${chunks.length}`);
  const sh = permute(chunks, [2, 0, 1]);
  const hdr = [csrfCookie("authjs"), ...sh.map((c) => `${c.name}=${c.value}`), "theme=light"].join("; ");
  const re = reassemble("v5", AJ, hdr);
  if (re !== big) throw new Error("v5 chunk reassembly mismatch");
  add({ id: "v5-chunked", lib: "v5", token: re, cookieHeader: hdr, chunkCount: 3, secrets: [sc], cookie: AJ, expect: "valid", format: "v5", secret_index: 1, claims: cc,
    note: `v5 token of ${big.length} chars split by @auth/core's SessionStore (3936-char chunks: ${chunks.map((c) => c.value.length).join("+")}), header order .2 .0 .1` });
  const sce = mkSecret(), cce = mkBigClaims();
  const bigE = await mintV5(cce, sce, AJ_SECURE);
  const chE = chunkCookies("v5", AJ_SECURE, bigE);
  const hdrE = [`${AJ_SECURE}=`, ...permute(chE, [1, 0, 2]).map((c) => `${c.name}=${c.value}`)].join("; ");
  const reE = reassemble("v5", AJ_SECURE, hdrE);
  if (reE !== bigE) throw new Error("v5 chunk (empty plain) reassembly mismatch");
  add({ id: "v5-chunked-secure-empty-plain", lib: "v5", token: reE, cookieHeader: hdrE, chunkCount: chE.length, secrets: [sce], cookie: AJ_SECURE, expect: "valid", format: "v5", secret_index: 1, claims: cce,
    note: "v5 chunked under __Secure-authjs.session-token plus an empty plain cookie (a cleared one): @auth/core's SessionStore skips empty values, so it still reassembles" });
  const scm = mkSecret(), ccm = mkBigClaims();
  const bigM = await mintV5(ccm, scm, AJ);
  const chM = chunkCookies("v5", AJ, bigM);
  const hdrM = [`${chM[0].name}=${chM[0].value}`, `${chM[1].name}=${chM[1].value}`].join("; ");
  add({ id: "v5-chunked-missing-chunk", lib: "v5", token: reassemble("v5", AJ, hdrM), cookieHeader: hdrM, chunkCount: 3, secrets: [scm], cookie: AJ, expect: "invalid",
    note: "v5 chunked token with the last chunk (.2) missing: truncated JWE; `token` is what SessionStore reassembles" });
}

// ---- older Auth.js (@auth/core betas)
{
  const s0 = mkSecret(), c0 = mkClaims(UNICODE_EXTRA);
  add({ id: "authjs-0.22-valid", lib: "v5", token: await mint022(c0, s0, AJ), secrets: [s0], cookie: AJ, expect: "valid", format: "authjs-0.22", secret_index: 1, claims: c0,
    note: "@auth/core 0.22.0 encode: A256GCM, salt = cookie name, info 'Auth.js Generated Encryption Key (authjs.session-token)', 32 bytes, no kid (0.18.1-0.22; 0.41.3 decode still opens it)" });
  const s1 = mkSecret(), c1 = mkClaims();
  add({ id: "authjs-0.22-valid-secure", lib: "v5", token: await mint022(c1, s1, AJ_SECURE), secrets: [s1], cookie: AJ_SECURE, expect: "valid", format: "authjs-0.22", secret_index: 1, claims: c1,
    note: "@auth/core 0.22.0 encode with salt __Secure-authjs.session-token" });
  const se = mkSecret(), ce = mkClaims();
  add({ id: "authjs-0.22-expired", lib: "v5", token: await mint022(ce, se, AJ, { expired: true }), secrets: [se], cookie: AJ, expect: "expired", format: "authjs-0.22", secret_index: 1, claims: ce,
    note: "@auth/core 0.22.0 token with exp = generated_at-3600" });
  const s2 = mkSecret(), c2 = mkClaims();
  add({ id: "authjs-0.18-valid", lib: "v5", token: await mint018(c2, s2), secrets: [s2], cookie: NA, expect: "valid", format: "authjs-0.18", secret_index: 1, claims: c2,
    note: "@auth/core 0.18.0 encode: A256GCM, empty salt, info 'Auth.js Generated Encryption Key' (no suffix), 32 bytes, no kid; that version still used cookie next-auth.session-token" });
  const s3 = mkSecret(), c3 = mkClaims();
  add({ id: "authjs-0.18-wrong-secret", lib: "v5", token: await mint018(c3, s3), secrets: [mkSecret()], cookie: NA, expect: "invalid",
    note: "@auth/core 0.18.0 token with an unrelated secret" });
}

// ---- database-session tokens (opaque)
{
  const s = mkSecret();
  add({ id: "db-session-uuid", lib: "none", token: uuidV4(), secrets: [s], cookie: NA, expect: "malformed", hint: "session --url",
    note: "database session token: not decodable (v4 generateSessionToken = randomUUID()); only the server can judge it" });
  add({ id: "db-session-uuid-authjs", lib: "none", token: uuidV4(), secrets: [s], cookie: AJ, expect: "malformed", hint: "session --url",
    note: "database session token: not decodable (v5 crypto.randomUUID())" });
  add({ id: "db-session-hex64", lib: "none", token: randBytes(32).toString("hex"), secrets: [s], cookie: NA, expect: "malformed", hint: "session --url",
    note: "database session token: not decodable (v3 adapters randomBytes(32).toString('hex'))" });
}

// ---- adversarial (structurally fine, must not be accepted)
{
  const s = mkSecret();
  const future = generatedAt + TEN_YEARS;
  const c = mkClaims();
  add({ id: "adv-alg-none", lib: "none", token: `${b64json({ alg: "none" })}.${b64json({ ...c, iat: generatedAt, exp: future })}.`, secrets: [s], cookie: NA, expect: "invalid",
    note: "unsigned JWS {\"alg\":\"none\"} with empty signature: must never be accepted" });
  add({ id: "adv-alg-none-typ", lib: "none", token: `${b64json({ alg: "NONE", typ: "JWT" })}.${b64json({ ...c, iat: generatedAt, exp: future })}.`, secrets: [s], cookie: NA, expect: "invalid",
    note: "unsigned JWS with alg 'NONE' (case variant) and empty signature" });
  const hs256 = await new SignJWT({ ...c }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(generatedAt).setExpirationTime(future).sign(v3SigningKey(s));
  add({ id: "adv-hs256-v3-key", lib: "none", token: hs256, secrets: [s], cookie: NA, expect: "invalid",
    note: "JWS signed with HS256 using the correct v3 signing key: v3 only accepts HS512 (algorithm confusion)" });
  const hs512nokey = `${b64json({ alg: "HS512" })}.${b64json({ ...c, iat: generatedAt, exp: future })}.${crypto.createHmac("sha512", Buffer.from(s, "utf8")).update(`${b64json({ alg: "HS512" })}.${b64json({ ...c, iat: generatedAt, exp: future })}`).digest("base64url")}`;
  add({ id: "adv-hs512-raw-secret", lib: "none", token: hs512nokey, secrets: [s], cookie: NA, expect: "invalid",
    note: "HS512 JWS keyed with the raw secret instead of the HKDF-derived v3 key (what a naive jwt.sign(payload, secret) produces)" });
  const kw = await new EncryptJWT({ ...c }).setProtectedHeader({ alg: "A256KW", enc: "A256GCM" }).setIssuedAt(generatedAt).setExpirationTime(future).encrypt(v4Key(s));
  add({ id: "adv-jwe-a256kw", lib: "none", token: kw, secrets: [s], cookie: NA, expect: "invalid",
    note: "JWE alg A256KW (key wrapping with the correct v4 key as KEK): only alg 'dir' is legitimate. NB: next-auth 4 decode does not pin alg and would accept it; Auth.js 0.41.3 rejects it" });
  const crit = await new EncryptJWT({ ...c }).setProtectedHeader({ alg: "dir", enc: "A256GCM", crit: ["x-nextauth-inspect"], "x-nextauth-inspect": true }).setIssuedAt(generatedAt).setExpirationTime(future).encrypt(v4Key(s), { crit: { "x-nextauth-inspect": true } });
  add({ id: "adv-jwe-crit", lib: "none", token: crit, secrets: [s], cookie: NA, expect: "invalid",
    note: "JWE dir/A256GCM with the correct v4 key but a crit header naming an unknown extension: must be rejected (RFC 7516 4.1.13)" });
  const a128 = await new EncryptJWT({ ...c }).setProtectedHeader({ alg: "dir", enc: "A128GCM" }).setIssuedAt(generatedAt).setExpirationTime(future).encrypt(hkdf(s, "", "NextAuth.js Generated Encryption Key", 16));
  add({ id: "adv-jwe-a128gcm", lib: "none", token: a128, secrets: [s], cookie: NA, expect: "invalid",
    note: "JWE dir with enc A128GCM (16-byte HKDF key with the v4 info): no NextAuth version uses it" });
}

// ---- malformed
{
  const s = mkSecret();
  const m = (id, token, note) => add({ id, lib: "none", token, secrets: [s], cookie: NA, expect: "malformed", note });
  m("malformed-empty", "", "empty token");
  m("malformed-garbage", "%%% definitely not a token %%%", "garbage text");
  m("malformed-bad-base64", "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ4In0*.c2ln$$", "three parts but characters outside the base64url alphabet");
  m("malformed-four-parts", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y3Q", "four dot-separated parts");
  m("malformed-six-parts", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y3Q.dGFn.ZXh0cmE", "six dot-separated parts");
  m("malformed-header-not-json", `${b64json("this is not json")}.${b64json({ sub: "x" })}.c2ln`, "JWS-shaped, header base64url decodes to non-JSON text");
  m("malformed-header-json-array", `${b64json("[\"HS512\"]")}.${b64json({ sub: "x" })}.c2ln`, "header is valid JSON but not an object");
  m("malformed-jwe-header-not-json", `${b64json("{alg: dir}")}..aXZpdml2aXZpdml2.Y2lwaGVy.dGFndGFndGFndGFndGFn`, "JWE-shaped (5 parts), header not JSON");
  m("malformed-truncated-v4", v4StaleToken.slice(0, v4StaleToken.lastIndexOf(".")), "a real v4 token with its last part (tag) cut off, as when a cookie is truncated: 4 parts");
}

// ---------------------------------------------------------------- sanity checks on iat/exp
for (const c of cases) {
  if (c.expect !== "valid" && c.expect !== "expired") continue;
  const tok = c.token;
  let payload;
  if (c.format === "v3") payload = decodePayloadUnverified(tok);
  else continue; // encrypted: checked by verify-fixtures.mjs with the real decode
  if (c.expect === "valid" && Math.abs(payload.exp - (generatedAt + TEN_YEARS)) > 5) throw new Error(`${c.id}: exp ${payload.exp} not ~10y ahead`);
  if (c.expect === "expired" && !(payload.exp < generatedAt)) throw new Error(`${c.id}: exp not in the past`);
}

const out = {
  generated_at: generatedAt,
  seed: SEED,
  note:
    "Tokens minted by the real published libraries (tests/interop/mint-fixtures.mjs): next-auth 3.29.10 (v3), next-auth 4.24.15 (v4), " +
    "@auth/core 0.41.3 (v5), @auth/core 0.22.0 (authjs-0.22) and 0.18.0 (authjs-0.18); adversarial/A256GCM+kid tokens built with jose 6 and the same HKDF. " +
    "'expect' is what a faithful inspector reports; 'claims' are the claims the token was minted with (the libraries add iat, exp, jti; v3 adds no jti). " +
    "Valid tokens expire ten years after generated_at; expired ones were minted with the clock frozen at generated_at-7200 and maxAge 3600. " +
    "When 'cookieHeader' is present the token must be read from that header ('token' is what the library's SessionStore reassembles from it). " +
    "'secret_index' is 1-based; 'salt' is given only when it differs from the cookie name (v4-salted always). Claims/secrets are deterministic from 'seed'; ciphertexts are not.",
  cases,
};
fs.mkdirSync(path.dirname(outPath), { recursive: true });
fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + "\n");
console.error(`wrote ${cases.length} cases to ${outPath}`);

const shared = process.env.SHARED_VECTORS ?? "/work/shared/vectors/nextauth-tokens.json";
if (!process.argv[2] && fs.existsSync(shared)) {
  fs.copyFileSync(shared, path.join(fixturesDir, "shared-vectors.json"));
  console.error(`copied ${shared} -> ${path.join(fixturesDir, "shared-vectors.json")}`);
}
