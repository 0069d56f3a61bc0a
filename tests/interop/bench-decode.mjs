#!/usr/bin/env node
// In-process decode throughput of the real libraries, for comparison benchmarks.
//
//   node bench-decode.mjs <tokens-file> <v4|v5> <secret> [salt]
//
// tokens-file: one token per line (blank lines ignored). v4 uses next-auth 4.24.15 `decode`
// (salt passed only if given); v5 uses @auth/core 0.41.3 `decode` (salt default
// "authjs.session-token"). Env BENCH_ROUNDS (default 1) repeats the whole list.
// Prints one JSON object: {count, seconds, tokens_per_sec, ok} (ok = successful decodes).
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [file, format, secret, salt] = process.argv.slice(2);
if (!file || !format || !secret || !["v4", "v5"].includes(format)) {
  console.error("usage: node bench-decode.mjs <tokens-file> <v4|v5> <secret> [salt]");
  process.exit(2);
}
const tokens = fs.readFileSync(file, "utf8").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const rounds = Math.max(1, Number.parseInt(process.env.BENCH_ROUNDS ?? "1", 10) || 1);

let decode;
if (format === "v4") {
  const v4 = require("next-auth/jwt");
  decode = salt === undefined ? (token) => v4.decode({ token, secret }) : (token) => v4.decode({ token, secret, salt });
} else {
  const v5 = await import("@auth/core/jwt");
  const s = salt ?? "authjs.session-token";
  decode = (token) => v5.decode({ token, secret, salt: s });
}

let ok = 0;
let count = 0;
const start = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const token of tokens) {
    count++;
    try {
      if (await decode(token)) ok++;
    } catch {
      // counted as not ok
    }
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ count, seconds, tokens_per_sec: seconds > 0 ? count / seconds : null, ok }) + "\n");
