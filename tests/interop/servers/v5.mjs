#!/usr/bin/env node
// Real Auth.js server: @auth/express 0.12.3 (@auth/core 0.41.3) `ExpressAuth` mounted at /api/auth.
//
//   PORT=0 AUTH_SECRET=... node servers/v5.mjs [port]
//
// env: PORT (or argv[2]; 0 = ephemeral), AUTH_SECRET (default below; AUTH_SECRET_1..3 are honoured by
//      @auth/core for rotation when AUTH_SECRET is set), SESSION_MAX_AGE (seconds),
//      SECURE_COOKIES=1 (useSecureCookies: __Secure-authjs.session-token even over http),
//      STDIN_WATCH=0 (do not exit on stdin EOF).
// Credentials: alice / wonderland -> {id: "1", name: "Alice", email: "alice@example.com"}.
import { portFromEnv, sessionMaxAge, envFlag, authorizeAlice, stderrLogger, serve } from "./common.mjs";
import http from "node:http";
import express from "express";
import { ExpressAuth } from "@auth/express";
import Credentials from "@auth/express/providers/credentials";

export const DEFAULT_SECRET = "interop-v5-server-secret-0123456789abcdef";
const port = portFromEnv();
const maxAge = sessionMaxAge();

// With AUTH_SECRET in the environment leave config.secret unset so @auth/core's own env handling
// builds the rotation array [AUTH_SECRET_3, _2, _1, AUTH_SECRET] exactly as in production.
if (!process.env.AUTH_SECRET) process.env.AUTH_SECRET = DEFAULT_SECRET;

const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", ...(maxAge ? { maxAge } : {}) },
  ...(envFlag("SECURE_COOKIES") ? { useSecureCookies: true } : {}),
  providers: [
    Credentials({
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      authorize: (credentials) => authorizeAlice(credentials),
    }),
  ],
  logger: stderrLogger("auth"),
};

const app = express();
app.set("trust proxy", true);
app.use((req, res, next) => {
  const started = Date.now();
  res.on("finish", () => console.error(`[v5] ${req.method} ${req.originalUrl} -> ${res.statusCode} (${Date.now() - started} ms)`));
  next();
});
app.use("/api/auth", ExpressAuth(authConfig));
app.use((req, res) => res.status(404).json({ error: "not found" }));
app.use((err, req, res, _next) => {
  console.error("[v5] handler error:", err);
  if (!res.headersSent) res.status(500).json({ error: "internal error" });
});

serve(http.createServer(app), port, "v5");
