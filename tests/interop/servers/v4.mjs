#!/usr/bin/env node
// Real next-auth 4.24.15 server: the pages-router API handler `NextAuth(req, res, options)` on Node's
// http module with a minimal Next.js-like req/res shim (no Next.js installed).
//
//   PORT=0 NEXTAUTH_SECRET=... node servers/v4.mjs [port]
//
// env: PORT (or argv[2]; 0 = ephemeral), NEXTAUTH_SECRET (default below), SESSION_MAX_AGE (seconds;
//      sets session.maxAge and jwt.maxAge),
//      NEXTAUTH_URL (default http://127.0.0.1:<port>), SECURE_COOKIES=1 (useSecureCookies: cookie
//      names get the __Secure-/__Host- prefixes even over http), STDIN_WATCH=0 (do not exit on stdin EOF).
// Routes: /api/auth/* only (csrf, session, providers, signin, signout, callback/credentials, ...).
// Credentials: alice / wonderland -> {id: "1", name: "Alice", email: "alice@example.com"}.
import { portFromEnv, sessionMaxAge, envFlag, authorizeAlice, stderrLogger, serve } from "./common.mjs";
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const NextAuth = require("next-auth").default;
const CredentialsProvider = require("next-auth/providers/credentials").default;

export const DEFAULT_SECRET = "interop-v4-server-secret-0123456789abcdef";
const BASE = "/api/auth";
const port = portFromEnv();
const maxAge = sessionMaxAge();

const authOptions = {
  secret: process.env.NEXTAUTH_SECRET || DEFAULT_SECRET,
  session: { strategy: "jwt", ...(maxAge ? { maxAge } : {}) },
  // next-auth 4 does NOT derive jwt.maxAge from session.maxAge (core/init.js uses its own 30-day
  // default for both), so set it too, or the JWT would still carry exp = now + 30 days.
  ...(maxAge ? { jwt: { maxAge } } : {}),
  ...(envFlag("SECURE_COOKIES") ? { useSecureCookies: true } : {}),
  providers: [
    CredentialsProvider({
      name: "Credentials",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      authorize: (credentials) => authorizeAlice(credentials),
    }),
  ],
  logger: stderrLogger("next-auth"),
};

// --- minimal Next.js pages-router shim -------------------------------------------------------
function parseCookies(header) {
  const out = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith("\"") && value.endsWith("\"")) value = value.slice(1, -1);
    if (!name || name in out) continue; // first occurrence wins, like the `cookie` package
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

async function readBody(req) {
  if (req.method !== "POST" && req.method !== "PUT" && req.method !== "PATCH") return undefined;
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) {
    try {
      return JSON.parse(text || "{}");
    } catch {
      return {};
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

function extendRes(res) {
  res.status = (code) => {
    res.statusCode = code;
    return res;
  };
  res.json = (obj) => {
    if (!res.getHeader("Content-Type")) res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify(obj));
    return res;
  };
  res.send = (body) => {
    if (body === undefined || body === null) return res.end();
    if (Buffer.isBuffer(body)) return res.end(body);
    if (typeof body === "object") return res.json(body);
    if (!res.getHeader("Content-Type")) res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(String(body));
    return res;
  };
  return res;
}

const server = http.createServer(async (req, res) => {
  const started = Date.now();
  res.on("finish", () => console.error(`[v4] ${req.method} ${req.url} -> ${res.statusCode} (${Date.now() - started} ms)`));
  extendRes(res);
  try {
    const url = new URL(req.url, `http://${req.headers.host ?? "127.0.0.1"}`);
    if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) {
      res.status(404).json({ error: "not found" });
      return;
    }
    const nextauth = url.pathname.slice(BASE.length).split("/").filter(Boolean).map(decodeURIComponent);
    req.query = { ...Object.fromEntries(url.searchParams), nextauth };
    req.cookies = parseCookies(req.headers.cookie);
    req.body = await readBody(req);
    await NextAuth(req, res, authOptions);
  } catch (err) {
    console.error("[v4] handler error:", err);
    if (!res.headersSent) res.status(500).json({ error: "internal error" });
    else res.end();
  }
});

serve(server, port, "v4", (actual) => {
  if (!process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = `http://127.0.0.1:${actual}`;
});
