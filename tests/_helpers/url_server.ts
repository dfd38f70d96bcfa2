/**
 * A local HTTP server on 127.0.0.1, port 0, for the fetchUrl tests. Each
 * route is a handler; `close()` settles every request still held open and
 * shuts the server down, so no op outlives a test.
 */

/** A handler that may hold its request open until the server closes. */
export type Route = (
  request: Request,
  held: Promise<void>,
) => Response | Promise<Response>;

/** A running test server. */
export interface TestServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly base: string;
  /** The port it listens on. */
  readonly port: number;
  /** Releases held requests and shuts down. */
  close(): Promise<void>;
}

/** Starts a server whose routes are keyed by path. */
export function startServer(routes: Record<string, Route>): TestServer {
  const release = Promise.withResolvers<void>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => {
      const route = routes[new URL(request.url).pathname];
      if (route === undefined) return new Response("no route", { status: 404 });
      return route(request, release.promise);
    },
  );
  const close = async () => {
    release.resolve();
    await server.shutdown();
  };
  return {
    base: `http://127.0.0.1:${server.addr.port}`,
    port: server.addr.port,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound, then closed. */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}
