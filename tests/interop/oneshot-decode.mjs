#!/usr/bin/env node
// One-shot baseline: decode a single token with the real library and print its claims as JSON.
//
//   node oneshot-decode.mjs <token> <format> <secret> [salt]
//
// format: v4 | v4-salted | v5 | v3 | v3-encrypted | authjs-0.22 | authjs-0.18
// salt: v5/authjs-0.22 default "authjs.session-token"; v4-salted requires it.
// Exit 0 and claims JSON on stdout; exit 1 and the library's error on stderr on failure; 2 on usage.
// Only the library for the requested format is loaded, like a small script would.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [token, format, secret, salt] = process.argv.slice(2);
if (!token || !format || !secret) {
  console.error("usage: node oneshot-decode.mjs <token> <format> <secret> [salt]");
  process.exit(2);
}
console.warn = () => {}; // next-auth v3 prints key-derivation warnings

async function decode() {
  switch (format) {
    case "v3":
    case "v3-encrypted":
      return require("next-auth-v3/jwt").decode({ token, secret, encryption: format === "v3-encrypted", maxAge: 20 * 365 * 86400 });
    case "v4":
      return require("next-auth/jwt").decode({ token, secret });
    case "v4-salted":
      if (!salt) throw new Error("v4-salted needs a salt");
      return require("next-auth/jwt").decode({ token, secret, salt });
    case "v5":
    case "v5-a256gcm":
      return (await import("@auth/core/jwt")).decode({ token, secret, salt: salt ?? "authjs.session-token" });
    case "authjs-0.22":
      return (await import("auth-core-0-22/jwt")).decode({ token, secret, salt: salt ?? "authjs.session-token" });
    case "authjs-0.18":
      return (await import("auth-core-0-18-0/jwt")).decode({ token, secret });
    default:
      throw new Error(`unknown format ${format}`);
  }
}

try {
  const claims = await decode();
  if (claims === null || claims === undefined) throw new Error("no token");
  process.stdout.write(JSON.stringify(claims) + "\n");
} catch (e) {
  console.error(`${e?.code ?? e?.name ?? "Error"}: ${e?.message ?? e}`);
  process.exit(1);
}
