#!/usr/bin/env node
// Mint N distinct session tokens with the real library, one per line, for benchmarks.
//
//   node mint-many.mjs <v4|v5> <count> <secret> > tokens.txt
//
// v4: next-auth 4.24.15 `encode`; v5: @auth/core 0.41.3 `encode` with salt
// "authjs.session-token". Tokens are valid for 30 days and carry a typical session payload.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [format, countText, secret] = process.argv.slice(2);
const count = Number.parseInt(countText ?? "", 10);
if (!["v4", "v5"].includes(format) || !(count > 0) || !secret) {
  console.error("usage: node mint-many.mjs <v4|v5> <count> <secret>");
  process.exit(2);
}
const encode =
  format === "v4"
    ? ((v4) => (token) => v4.encode({ token, secret, maxAge: 30 * 86400 }))(require("next-auth/jwt"))
    : await import("@auth/core/jwt").then(
        (v5) => (token) => v5.encode({ token, secret, salt: "authjs.session-token", maxAge: 30 * 86400 })
      );
const lines = [];
for (let i = 0; i < count; i++) {
  lines.push(
    await encode({
      name: `User ${i}`,
      email: `user${i}@example.com`,
      picture: `https://avatars.example.com/u/${i}.png`,
      sub: `user_${i.toString(36)}`,
      role: i % 7 === 0 ? "admin" : "member",
    })
  );
  if (lines.length === 1000) {
    process.stdout.write(lines.join("\n") + "\n");
    lines.length = 0;
  }
}
if (lines.length) process.stdout.write(lines.join("\n") + "\n");
