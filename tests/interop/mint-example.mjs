// Mints the example shipped in ../../examples/ with the real @auth/core 0.41.3 encode: a
// cookie jar holding an Auth.js v5 session for http://localhost:3000, valid for ten years,
// and the (demo-only) secret that opens it. Run: node mint-example.mjs
import { writeFileSync } from "node:fs";
import path from "node:path";
import { interopDir, v5 } from "./lib/libs.mjs";

const examples = path.resolve(interopDir, "../../examples");
const secret = "example-secret-do-not-use-in-production";
const salt = "authjs.session-token";
const maxAge = 10 * 365 * 24 * 60 * 60;
const token = await v5.encode({
  token: { name: "Ada Lovelace", email: "ada@example.com", picture: null, sub: "user_ada" },
  secret,
  salt,
  maxAge,
});
const expires = Math.floor(Date.now() / 1000) + maxAge;
writeFileSync(path.join(examples, "secret.txt"), secret + "\n");
writeFileSync(
  path.join(examples, "cookies.txt"),
  "# Netscape HTTP Cookie File\n" +
    "# An Auth.js v5 session for http://localhost:3000, minted by @auth/core 0.41.3.\n" +
    `#HttpOnly_localhost\tFALSE\t/\tFALSE\t${expires}\t${salt}\t${token}\n` +
    `localhost\tFALSE\t/\tFALSE\t0\ttheme\tdark\n`
);
writeFileSync(path.join(examples, "v5-token.txt"), token + "\n");
console.log("wrote examples/cookies.txt, examples/secret.txt, examples/v5-token.txt");
