// Decode tokens minted by `nextauth-inspect mint` with the REAL library decode.
// stdin: one JSON object per line
//   {format: "v3"|"v3-encrypted"|"v4"|"v5", token? | cookieHeader? (+ cookieName), secret, salt?}
// stdout: one JSON line per input, in order:
//   {ok: true, claims, header, token} | {ok: false, error}
// A cookie header is reassembled by the library's own SessionStore (v4 or v5), as a server does.
// {op: "chunk", lib: "v4"|"v5", cookieName, token} instead answers {ok: true, cookies: [{name, value}]}
// with the library's own SessionStore.chunk, to compare chunk boundaries.
import readline from "node:readline";
import { v3, v4, v5, reassemble, chunkCookies } from "./lib/libs.mjs";

async function decodeOne(req) {
  if (req.op === "chunk") return { ok: true, cookies: chunkCookies(req.lib, req.cookieName, req.token) };
  const token = req.cookieHeader !== undefined
    ? reassemble(req.format === "v5" ? "v5" : "v4", req.cookieName, req.cookieHeader)
    : req.token;
  if (!token) throw new Error("no token (SessionStore reassembled nothing)");
  let claims;
  switch (req.format) {
    case "v3":
      claims = await v3.decode({ token, secret: req.secret });
      break;
    case "v3-encrypted":
      claims = await v3.decode({ token, secret: req.secret, encryption: true });
      break;
    case "v4":
      claims = req.salt
        ? await v4.decode({ token, secret: req.secret, salt: req.salt })
        : await v4.decode({ token, secret: req.secret });
      break;
    case "v5":
      claims = await v5.decode({ token, secret: req.secret, salt: req.salt });
      break;
    default:
      throw new Error(`unknown format ${req.format}`);
  }
  const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString("utf8"));
  return { ok: true, claims, header, token };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let out;
  try {
    out = await decodeOne(JSON.parse(line));
  } catch (e) {
    out = { ok: false, error: String(e?.message ?? e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
