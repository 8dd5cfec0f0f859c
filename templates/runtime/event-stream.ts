/**
 * Server-sent events (`text/event-stream`, HTML §9.2) as a typed async iterable: each event's
 * data parsed as JSON (or kept as text where the spec says it is text), and a dropped connection
 * resumed with `Last-Event-ID` when the server gave the events ids. The event-stream format itself
 * is parsed by `eventsource-parser` (line endings, multi-line data, comments, `retry:`, fields
 * split across chunks). Copied into a client, with that dependency, only when its spec has such a
 * response.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { ApiCore, CallMeta, RequestOptions } from "./core.js";
import { ApiConnectionError, UnexpectedResponseError } from "./errors.js";
import type { ApiPromise } from "./response.js";
import { backoffDelay, sleep } from "./retry.js";
import { chunksOf, streamPromise, textOf, type OpenStream } from "./streaming.js";

/** One event of the stream. */
export interface ServerSentEvent<T> {
  /** The event's type (`event:`), when the server named one. */
  event?: string;
  /** The event's data: parsed as JSON, or the text sent where the spec says it is text. */
  data: T;
  /** The event's id (`id:`), when it has one: sent back as `Last-Event-ID` to resume. */
  id?: string;
}

/** The events of one response, read as they arrive (once). */
export interface EventStream<T> extends AsyncIterable<ServerSentEvent<T>> {
  /** The id of the last event received that had one. */
  readonly lastEventId: string | undefined;
  /** Stops reading and closes the connection (also what `break` in a `for await` does). */
  cancel(): Promise<void>;
}

/**
 * Reads a `text/event-stream` success body. `data: "json"` parses each event's data (a datum that
 * is not JSON ends the iteration with `UnexpectedResponseError`; `[DONE]`, the end marker many
 * streaming APIs send, ends it quietly); `"text"` keeps it as sent.
 *
 * A connection that breaks before the stream ends is opened again, like a browser's
 * `EventSource` does, when the events had ids (the server can resume): with `Last-Event-ID` set
 * to the last id, after the server's `retry:` time (capped by `maxRetryAfterMs`) or the client's
 * backoff, at most `maxRetries` times in a row. A reconnection answered with 204 ends the stream
 * (HTML §9.2.3: the server asks the client to stop). Without ids, or once the reconnections are
 * spent, the iteration ends with `ApiConnectionError`. The call's `signal` ends it at any time.
 */
export function readEvents<T>(
  core: ApiCore,
  meta: CallMeta,
  request: RequestOptions,
  open: OpenStream,
  data: "json" | "text",
): ApiPromise<EventStream<T>, any> {
  // As `EventSource` does: some servers answer an event stream only to those who ask for one. The
  // operation's own list (event stream first, then its error bodies' types) is kept when it names it.
  if (!meta.accept?.includes("text/event-stream"))
    request = { ...request, headers: { Accept: "text/event-stream", ...request.headers } };
  return streamPromise(open(request).withResponse(), (first) => {
    let lastEventId: string | undefined;
    let source: AsyncGenerator<ServerSentEvent<T>, void, undefined> | undefined;
    const maxRetries = request.maxRetries ?? core.policy.maxRetries;

    async function* events(): AsyncGenerator<ServerSentEvent<T>, void, undefined> {
      let { data: body, response } = first;
      let retryMs: number | undefined;
      for (let reconnects = 0; ;) {
        const received: EventSourceMessage[] = [];
        const parser = createParser({
          onEvent: (event) => received.push(event),
          onRetry: (ms) => (retryMs = ms),
        });
        try {
          for await (const text of textOf(chunksOf(meta, body, request.signal))) {
            parser.feed(text);
            for (const message of received.splice(0)) {
              reconnects = 0;
              if (message.id !== undefined) lastEventId = message.id;
              if (data === "json" && message.data === "[DONE]") return;
              let value: unknown = message.data;
              if (data === "json") {
                try {
                  value = JSON.parse(message.data);
                } catch (error) {
                  throw new UnexpectedResponseError(meta, response, message.data, error);
                }
              }
              yield {
                ...(message.event !== undefined ? { event: message.event } : {}),
                data: value as T,
                ...(message.id !== undefined ? { id: message.id } : {}),
              };
            }
          }
          return;
        } catch (error) {
          if (!(error instanceof ApiConnectionError) || !lastEventId || reconnects >= maxRetries) throw error;
        }
        reconnects++;
        const policy = core.policy;
        await sleep(
          retryMs === undefined
            ? backoffDelay(reconnects, policy)
            : Math.min(retryMs, policy.maxRetryAfterMs),
          request.signal,
        );
        const again = await open({
          ...request,
          headers: { ...request.headers, "Last-Event-ID": lastEventId },
        }).withResponse();
        ({ data: body, response } = again);
        if (again.status === 204) return;
      }
    }

    return {
      get lastEventId() {
        return lastEventId;
      },
      [Symbol.asyncIterator]: () => {
        if (source) throw new TypeError(`${meta.operationId}: a stream can be read once`);
        return (source = events());
      },
      cancel: async () => {
        if (source) await source.return();
        else await first.data?.cancel();
      },
    };
  });
}
