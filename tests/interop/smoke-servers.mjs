#!/usr/bin/env node
// End-to-end smoke test of servers/v4.mjs and servers/v5.mjs (what the README's curl walk-through
// does, automated with fetch): sign-in flow, session, no-cookie and tampered-cookie answers, wrong
// password, SESSION_MAX_AGE, SECURE_COOKIES, AUTH_SECRET rotation, fixture tokens (incl. chunked
// Cookie headers) accepted by the real servers, and exit on stdin close / SIGTERM.
// Prints "N passed, M failed"; exit code 1 on failure. Loopback only.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { interopDir, v4, v5 } from "./lib/libs.mjs";

const fixtures = JSON.parse(fs.readFileSync(path.join(interopDir, "..", "fixtures", "minted.json"), "utf8"));
const fx = (id) => fixtures.cases.find((c) => c.id === id);
const V4_DEFAULT_SECRET = "interop-v4-server-secret-0123456789abcdef";
const V5_DEFAULT_SECRET = "interop-v5-server-secret-0123456789abcdef";

let passed = 0;
let failed = 0;
function check(name, cond, detail = "") {
  if (cond) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
}

async function start(kind, env = {}) {
  const child = spawn(process.execPath, [path.join(interopDir, "servers", `${kind}.mjs`), "0"], {
    env: { ...process.env, NEXTAUTH_SECRET: "", AUTH_SECRET: "", NEXTAUTH_URL: "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const rl = readline.createInterface({ input: child.stdout });
  const lines = [];
  const port = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${kind} did not start: ${stderr}`)), 15000);
    rl.on("line", (l) => {
      lines.push(l);
      const m = /^LISTENING (\d+)$/.exec(l);
      if (m) {
        clearTimeout(t);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`${kind} exited ${code}: ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.on("exit", (code, sig) => resolve({ code, sig })));
  return { child, port, base: `http://127.0.0.1:${port}/api/auth`, lines, exited, stderr: () => stderr };
}

function setCookies(res) {
  return res.headers.getSetCookie();
}
function jarUpdate(jar, res) {
  for (const sc of setCookies(res)) {
    const [nv] = sc.split(";");
    const eq = nv.indexOf("=");
    const name = nv.slice(0, eq);
    const value = nv.slice(eq + 1);
    if (/;\s*Max-Age=0/i.test(sc) || value === "") delete jar[name];
    else jar[name] = value;
  }
}
const jarHeader = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(srv, kind, password, jar = {}) {
  let res = await fetch(`${srv.base}/csrf`, { headers: { cookie: jarHeader(jar) } });
  jarUpdate(jar, res);
  const { csrfToken } = await res.json();
  const body = new URLSearchParams({ csrfToken, username: "alice", password, callbackUrl: `http://127.0.0.1:${srv.port}/` });
  const headers = { cookie: jarHeader(jar), "content-type": "application/x-www-form-urlencoded" };
  if (kind === "v4") body.set("json", "true");
  else headers["X-Auth-Return-Redirect"] = "1";
  res = await fetch(`${srv.base}/callback/credentials`, { method: "POST", body, headers, redirect: "manual" });
  jarUpdate(jar, res);
  return { res, json: await res.json().catch(() => null), jar };
}

async function session(srv, cookieHeader) {
  const res = await fetch(`${srv.base}/session`, { headers: cookieHeader ? { cookie: cookieHeader } : {} });
  const text = await res.text();
  return { res, status: res.status, body: text ? JSON.parse(text) : undefined, setCookies: setCookies(res) };
}

async function stop(srv, how = "stdin") {
  if (how === "stdin") srv.child.stdin.end();
  else srv.child.kill("SIGTERM");
  const r = await Promise.race([srv.exited, new Promise((res) => setTimeout(() => res(null), 5000))]);
  if (!r) srv.child.kill("SIGKILL");
  return r;
}

const SESSION = { v4: "next-auth.session-token", v5: "authjs.session-token" };
const EMPTY = { v4: {}, v5: null };
const decodeFor = (kind, token, secret, salt) =>
  kind === "v4" ? v4.decode({ token, secret }) : v5.decode({ token, secret, salt: salt ?? SESSION.v5 });

for (const kind of ["v4", "v5"]) {
  const name = SESSION[kind];
  // --- default server: sign-in flow
  const srv = await start(kind);
  check(`${kind} prints exactly LISTENING`, srv.lines.length === 1 && /^LISTENING \d+$/.test(srv.lines[0]));
  const ok = await signIn(srv, kind, "wonderland");
  check(`${kind} sign-in 200 + url`, ok.res.status === 200 && ok.json?.url === `http://127.0.0.1:${srv.port}/`, `${ok.res.status} ${JSON.stringify(ok.json)}`);
  const tok = ok.jar[name];
  check(`${kind} session cookie set`, typeof tok === "string" && tok.length > 100);
  const claims = await decodeFor(kind, tok, kind === "v4" ? V4_DEFAULT_SECRET : V5_DEFAULT_SECRET).catch((e) => e);
  check(`${kind} cookie decodes with the library`, claims?.name === "Alice" && claims?.email === "alice@example.com" && claims?.sub === "1", String(claims?.message ?? ""));
  const s = await session(srv, jarHeader(ok.jar));
  check(`${kind} session returns user`, s.status === 200 && s.body?.user?.name === "Alice" && s.body?.user?.email === "alice@example.com" && typeof s.body?.expires === "string", JSON.stringify(s.body));
  check(`${kind} session re-issues cookie`, s.setCookies.some((c) => c.startsWith(`${name}=ey`)));
  const exp = Date.parse(s.body?.expires);
  check(`${kind} default expires ~30d`, Math.abs(exp - Date.now() - 30 * 86400e3) < 60e3);
  const none = await session(srv);
  check(`${kind} no cookie -> ${JSON.stringify(EMPTY[kind])}`, none.status === 200 && JSON.stringify(none.body) === JSON.stringify(EMPTY[kind]), JSON.stringify(none.body));
  const mid = Math.floor(tok.length / 2);
  const bad = tok.slice(0, mid) + (tok[mid] === "A" ? "B" : "A") + tok.slice(mid + 1);
  const t = await session(srv, `${name}=${bad}`);
  check(`${kind} tampered -> empty + cleared`, JSON.stringify(t.body) === JSON.stringify(EMPTY[kind]) && t.setCookies.some((c) => c.startsWith(`${name}=;`) && /Max-Age=0/i.test(c)), JSON.stringify(t.setCookies));
  const wrong = await signIn(srv, kind, "not-the-password");
  check(`${kind} wrong password -> CredentialsSignin`, /error=CredentialsSignin/.test(wrong.json?.url ?? "") && !wrong.jar[name], JSON.stringify(wrong.json));
  const r = await stop(srv, "stdin");
  check(`${kind} exits when stdin closes`, r && r.code === 0, JSON.stringify(r));

  // --- SESSION_MAX_AGE + SECURE_COOKIES + SIGTERM
  const srv2 = await start(kind, { SESSION_MAX_AGE: "60", SECURE_COOKIES: "1" });
  const ok2 = await signIn(srv2, kind, "wonderland");
  const secureName = `__Secure-${name}`;
  const tok2 = ok2.jar[secureName];
  check(`${kind} SECURE_COOKIES -> ${secureName}`, typeof tok2 === "string", Object.keys(ok2.jar).join(","));
  if (tok2) {
    const c2 = await decodeFor(kind, tok2, kind === "v4" ? V4_DEFAULT_SECRET : V5_DEFAULT_SECRET, secureName).catch((e) => e);
    check(`${kind} SESSION_MAX_AGE=60 -> exp-iat=60`, c2?.exp - c2?.iat === 60, JSON.stringify(c2?.message ?? c2));
    const s2 = await session(srv2, jarHeader(ok2.jar));
    check(`${kind} SESSION_MAX_AGE=60 -> expires ~now+60s`, Math.abs(Date.parse(s2.body?.expires) - Date.now() - 60e3) < 5e3, JSON.stringify(s2.body));
  }
  const r2 = await stop(srv2, "SIGTERM");
  check(`${kind} exits on SIGTERM`, r2 && (r2.code === 0 || r2.sig === "SIGTERM"), JSON.stringify(r2));

  // --- fixture tokens against the real server (server secret = fixture secret)
  const ids = kind === "v4"
    ? [["v4-valid-0", true], ["v4-cookie-header", true], ["v4-chunked", true], ["v4-chunked-missing-chunk", false], ["v4-chunked-stale-plain-cookie", false], ["v4-expired", false], ["v4-tampered", false]]
    : [["v5-valid-authjs", true], ["v5-cookie-header", true], ["v5-chunked", true], ["authjs-0.22-valid", true], ["v5-a256gcm", true], ["v5-chunked-missing-chunk", false], ["v5-expired", false], ["v5-sealed-secure-arrives-plain", false]];
  for (const [id, valid] of ids) {
    const c = fx(id);
    const env = kind === "v4" ? { NEXTAUTH_SECRET: c.secrets[0] } : { AUTH_SECRET: c.secrets[0] };
    const srv3 = await start(kind, env);
    const hdr = c.cookieHeader ?? `${c.cookie}=${c.token}`;
    const s3 = await session(srv3, hdr);
    if (valid) check(`${kind} server accepts fixture ${id}`, s3.body?.user?.email === c.claims.email, JSON.stringify(s3.body));
    else check(`${kind} server rejects fixture ${id}`, JSON.stringify(s3.body) === JSON.stringify(EMPTY[kind]), JSON.stringify(s3.body));
    if (id.endsWith("chunked") && valid) {
      check(`${kind} ${id}: server re-chunks the session cookie`, s3.setCookies.some((x) => x.startsWith(`${c.cookie}.1=`)), s3.setCookies.map((x) => x.split("=")[0]).join(","));
    }
    await stop(srv3);
  }

  // --- v5 rotation through AUTH_SECRET_1 (the env handling of @auth/core)
  if (kind === "v5") {
    const c = fx("v5-rotation"); // sealed with secrets[2]
    const srv4 = await start("v5", { AUTH_SECRET: c.secrets[0], AUTH_SECRET_1: c.secrets[2] });
    const s4 = await session(srv4, `${c.cookie}=${c.token}`);
    check("v5 AUTH_SECRET_1 rotation accepts old-secret token", s4.body?.user?.email === c.claims.email, JSON.stringify(s4.body));
    // @auth/core builds config.secret = [AUTH_SECRET_3, _2, _1, AUTH_SECRET] (unshift) and encode uses
    // secret[0]: with AUTH_SECRET_1 set, the re-issued cookie is sealed with AUTH_SECRET_1.
    const newTok = s4.setCookies.find((x) => x.startsWith(`${c.cookie}=ey`))?.split(";")[0].split("=")[1];
    const reenc = newTok ? await v5.decode({ token: newTok, secret: [c.secrets[2]], salt: c.cookie }).catch(() => null) : null;
    check("v5 rotation re-seals with AUTH_SECRET_1 (config.secret[0])", !!reenc, "");
    await stop(srv4);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
