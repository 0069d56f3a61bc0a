// Shared plumbing for the reference servers: port selection, stdout discipline, lifecycle.
// stdout carries exactly one line, "LISTENING <port>"; everything else goes to stderr.

const realStdoutWrite = process.stdout.write.bind(process.stdout);
// Libraries log with console.log/console.debug/console.info: route all of it to stderr.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

/** Port from argv[2], else $PORT, else 0 (ephemeral). */
export function portFromEnv() {
  const raw = process.argv[2] ?? process.env.PORT ?? "0";
  const port = Number.parseInt(raw, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid port ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return port;
}

/** Optional session max age in seconds from $SESSION_MAX_AGE. */
export function sessionMaxAge() {
  const raw = process.env.SESSION_MAX_AGE;
  if (raw === undefined || raw === "") return undefined;
  const n = Number.parseInt(raw, 10);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`invalid SESSION_MAX_AGE ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

/** Truthy env flag ("1", "true", "yes"). */
export function envFlag(name) {
  return /^(1|true|yes)$/i.test(process.env[name] ?? "");
}

/** The credentials check shared by both servers. */
export async function authorizeAlice(credentials) {
  if (credentials?.username === "alice" && credentials?.password === "wonderland") {
    return { id: "1", name: "Alice", email: "alice@example.com" };
  }
  return null;
}

/** Logger object accepted by both next-auth v4 and @auth/core: everything to stderr. */
export function stderrLogger(tag) {
  return {
    error(code, ...rest) {
      console.error(`[${tag}][error]`, code, ...rest);
    },
    warn(code, ...rest) {
      console.error(`[${tag}][warn]`, code, ...rest);
    },
    debug(code, ...rest) {
      console.error(`[${tag}][debug]`, code, ...rest);
    },
  };
}

/**
 * Listen on 127.0.0.1:port, print "LISTENING <port>" once, and exit on SIGTERM/SIGINT or when stdin
 * closes (so a dying test harness leaves no orphan). Set STDIN_WATCH=0 to disable the stdin watch
 * (e.g. when started in the background with stdin at /dev/null).
 * onListening(port) runs before the line is printed.
 */
export function serve(server, port, tag, onListening) {
  let closing = false;
  const shutdown = (why) => {
    if (closing) return;
    closing = true;
    console.error(`[${tag}] shutting down (${why})`);
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  if (process.env.STDIN_WATCH !== "0") {
    process.stdin.on("end", () => shutdown("stdin closed"));
    process.stdin.on("close", () => shutdown("stdin closed"));
    process.stdin.on("error", () => shutdown("stdin error"));
    process.stdin.resume();
  }
  server.on("error", (err) => {
    console.error(`[${tag}] server error:`, err);
    process.exit(1);
  });
  server.listen(port, "127.0.0.1", () => {
    const actual = server.address().port;
    onListening?.(actual);
    console.error(`[${tag}] listening on http://127.0.0.1:${actual}`);
    realStdoutWrite(`LISTENING ${actual}\n`);
  });
}
